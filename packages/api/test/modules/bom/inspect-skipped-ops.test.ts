import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyOperations } from '@arya/bom';
import { createAgent, createTestApi, type Agent, type TestApi } from '../../helpers/harness';

// The online flow's step 2 reads `inspect.ops`: it must name every op the run will skip, not say "no warnings" for a
// workbook whose run then logs invalid ops (examples/sample-bom.xlsx: two `modify` ops and an unknown material).
const sample = new Uint8Array(
  readFileSync(join(import.meta.dirname, '..', '..', '..', '..', '..', 'examples', 'sample-bom.xlsx')),
);
let test: TestApi;
let alice: Agent;

function form(bytes: Uint8Array, name: string): FormData {
  const data = new FormData();
  data.set('kind', 'bom');
  data.set('file', new File([bytes], name));
  return data;
}

beforeAll(async () => {
  test = await createTestApi();
  alice = createAgent(test.deps);
  await alice.register('alice-skipped');
}, 60_000);
afterAll(async () => {
  await test?.close();
});

describe('bom.files: the operations a run will skip, before it runs', () => {
  it('lists the sample workbook’s invalid and unfound ops with code, op, designators and reason', async () => {
    const upload = await alice.api.bom.files.upload(form(sample, 'sample-bom.xlsx'));
    const ops = upload.inspect.ops;
    expect(ops?.skippedOpsTotal).toBe(3);
    expect(ops?.skippedOpCounts).toEqual({ invalid: 2, not_found: 1 });
    expect(ops?.skippedOps.map((op) => [op.opRow, op.status, op.materialCode, op.op, op.designators])).toEqual([
      [3, 'not_found', 99000001, 'del', 'R1'],
      [4, 'invalid', 80000026, 'modify', 'R1'],
      [7, 'invalid', 80000017, 'modify', 'R1'],
    ]);
    expect(ops?.skippedOps[1]?.reasons).toEqual([
      { code: 'problem', params: { code: 'invalid_op_type', value: 'modify' } },
    ]);
    // what the run then logs as not run is exactly that
    const logged = applyOperations(sample, { kind: 'sheet' }).log.filter((e) =>
      ['invalid', 'not_found', 'ambiguous'].includes(e.status),
    );
    expect(ops?.skippedOps.map((op) => op.opRow)).toEqual(logged.map((e) => e.seq));
    expect((await alice.api.bom.files.get({ fileId: upload.fileId })).inspect.ops?.skippedOpsTotal).toBe(3);
  });

  it('inspects an upload stored before skipped ops were listed again, on get and on a repeated upload', async () => {
    const first = await alice.api.bom.files.upload(form(sample, 'sample-bom.xlsx'));
    const stale = () =>
      sql`update bom_files set inspect = inspect #- '{ops,skippedOps}' #- '{ops,skippedOpsTotal}'
          #- '{ops,skippedOpCounts}' where id = ${first.fileId}`.execute(test.database.db);
    await stale();
    expect((await alice.api.bom.files.get({ fileId: first.fileId })).inspect.ops?.skippedOpsTotal).toBe(3);
    await stale();
    const again = await alice.api.bom.files.upload(form(sample, 'sample-bom.xlsx'));
    expect(again).toMatchObject({ fileId: first.fileId, reused: true });
    expect(again.inspect.ops?.skippedOps.map((op) => op.op)).toEqual(['del', 'modify', 'modify']);
    const stored = await test.database.db
      .selectFrom('bom_files')
      .select('inspect')
      .where('id', '=', first.fileId)
      .executeTakeFirstOrThrow();
    expect(stored.inspect.ops?.skippedOpsTotal).toBe(3);
  });
});
