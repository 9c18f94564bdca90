import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyOperations } from '@arya/bom';
import { buildOpsWorkbook, generateBomWorkbook } from '@arya/bom/fixtures';
import { expectAppError } from '../../helpers/errors';
import { createAgent, createTestApi, firstAdminAgent, type Agent, type TestApi } from '../../helpers/harness';

// Step 2 of a new run with a separate operations workbook: `inspect.ops` of the BOM is null (no 操作指示表), so only a
// dry run of the chosen ops workbook against the chosen BOM can name the ops the run will skip.
const generated = generateBomWorkbook({ rows: 30, opsCount: 0, opsSheet: false, seed: 7 });
const withDesignators = generated.rows.filter((row) => /^[A-Z]+\d+/.test(row.designators));
const first = withDesignators[0]!;
const second = withDesignators[1]!;
const firstDesignator = /^[A-Z]+\d+/.exec(first.designators)![0];
const opsBytes = buildOpsWorkbook([
  { level: first.level, materialCode: first.materialCode, op: 'del', designators: firstDesignator },
  { level: second.level, materialCode: second.materialCode, op: 'modify', designators: 'R1' },
  { level: 1, materialCode: 99_999_999, op: 'del', designators: 'R1' },
]);

function form(bytes: Uint8Array, name: string, kind: 'bom' | 'ops'): FormData {
  const data = new FormData();
  data.set('kind', kind);
  data.set('file', new File([bytes], name));
  return data;
}

let test: TestApi;
let alice: Agent;
let bob: Agent;
let aliceId: string;
let aliceBom: string;
let aliceOps: string;
let bobOps: string;

beforeAll(async () => {
  test = await createTestApi();
  alice = createAgent(test.deps);
  bob = createAgent(test.deps);
  aliceId = (await alice.register('alice-dry-run')).user.id;
  await bob.register('bob-dry-run');
  aliceBom = (await alice.api.bom.files.upload(form(generated.bom, 'bom.xlsx', 'bom'))).fileId;
  aliceOps = (await alice.api.bom.files.upload(form(opsBytes, 'ops.xlsx', 'ops'))).fileId;
  bobOps = (await bob.api.bom.files.upload(form(opsBytes, 'ops.xlsx', 'ops'))).fileId;
}, 60_000);
afterAll(async () => {
  await test?.close();
});

describe('bom.files.dryRun: a separate operations workbook checked against a BOM before the run', () => {
  it('lists every op the run will skip, with reasons, exactly as the run then logs them', async () => {
    // the BOM's own inspection has nothing to say about them
    expect((await alice.api.bom.files.get({ fileId: aliceBom })).inspect.ops).toBeNull();
    const dry = await alice.api.bom.files.dryRun({ bomFileId: aliceBom, opsFileId: aliceOps });
    expect(dry.sheet).toBe('Sheet1');
    expect(dry.skippedOpsTotal).toBe(2);
    expect(dry.skippedOpCounts).toEqual({ invalid: 1, not_found: 1 });
    expect(dry.skippedOps.map((op) => [op.opRow, op.status, op.materialCode, op.op, op.designators])).toEqual([
      [3, 'invalid', second.materialCode, 'modify', 'R1'],
      [4, 'not_found', 99_999_999, 'del', 'R1'],
    ]);
    expect(dry.skippedOps[0]?.reasons).toEqual([
      { code: 'problem', params: { code: 'invalid_op_type', value: 'modify' } },
    ]);
    const logged = applyOperations(generated.bom, { kind: 'workbook', bytes: opsBytes }).log.filter((entry) =>
      ['invalid', 'not_found', 'ambiguous'].includes(entry.status),
    );
    expect(dry.skippedOps.map((op) => [op.opRow, op.reasons])).toEqual(logged.map((e) => [e.seq, e.notes]));
  });

  it("refuses another user's file as NOT_FOUND, and lets an admin check anyone's", async () => {
    await expectAppError(
      alice.api.bom.files.dryRun({ bomFileId: aliceBom, opsFileId: bobOps }),
      'NOT_FOUND',
      'bom.fileNotFound',
    );
    await expectAppError(
      bob.api.bom.files.dryRun({ bomFileId: aliceBom, opsFileId: bobOps }),
      'NOT_FOUND',
      'bom.fileNotFound',
    );
    const admin = await firstAdminAgent(test.deps, 'boss-dry-run');
    const dry = await admin.api.bom.files.dryRun({ bomFileId: aliceBom, opsFileId: aliceOps });
    expect(dry.skippedOpsTotal).toBe(2);
  });

  it('refuses files of the wrong kind (BAD_REQUEST naming the file) and a file deleted since', async () => {
    const wrongOps = await expectAppError(
      alice.api.bom.files.dryRun({ bomFileId: aliceBom, opsFileId: aliceBom }),
      'BAD_REQUEST',
      'bom.fileWrongKind',
    );
    expect(wrongOps.params).toMatchObject({ name: 'bom.xlsx', actual: 'bom', expected: 'ops' });
    await expectAppError(
      alice.api.bom.files.dryRun({ bomFileId: aliceOps, opsFileId: aliceOps }),
      'BAD_REQUEST',
      'bom.fileWrongKind',
    );
    const other = await alice.api.bom.files.upload(form(buildOpsWorkbook([], 'Deleted'), 'gone.xlsx', 'ops'));
    await alice.api.bom.files.delete({ fileId: other.fileId });
    await expectAppError(
      alice.api.bom.files.dryRun({ bomFileId: aliceBom, opsFileId: other.fileId }),
      'NOT_FOUND',
      'bom.fileNotFound',
    );
  });

  it('refuses a check past BOM_MAX_DRY_RUNS_PER_USER at once (TOO_MANY_REQUESTS)', async () => {
    const held = [test.deps.bomDryRuns.tryTake(aliceId), test.deps.bomDryRuns.tryTake(aliceId)];
    try {
      const refused = await expectAppError(
        alice.api.bom.files.dryRun({ bomFileId: aliceBom, opsFileId: aliceOps }),
        'TOO_MANY_REQUESTS',
        'bom.tooManyDryRuns',
      );
      expect(refused.params).toMatchObject({ max: 2 });
    } finally {
      for (const release of held) release?.();
    }
    expect((await alice.api.bom.files.dryRun({ bomFileId: aliceBom, opsFileId: aliceOps })).skippedOpsTotal).toBe(2);
  });
});
