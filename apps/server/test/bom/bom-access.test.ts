import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateBomWorkbook } from '@arya/bom/fixtures';
import {
  collectProgress,
  listeningApp,
  loginClient,
  refusalOf,
  signedInClient,
  xlsxForm,
  type AryaClient,
  type ListeningApp,
} from './harness';

const UPLOAD_MAX_BYTES = 150_000;

let server: ListeningApp;
let second: ListeningApp;
let alice: AryaClient;
let bob: AryaClient;
let admin: AryaClient;
let aliceId: string;
let bobId: string;
let aliceRun: string;
let aliceFile: string;

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  return (await refusalOf(promise)).code;
}

const small = generateBomWorkbook({ rows: 60, opsCount: 10, seed: 11 });

beforeAll(async () => {
  const env = { UPLOAD_MAX_BYTES: String(UPLOAD_MAX_BYTES), BOM_MAX_RUNNING_PER_USER: '1' };
  server = await listeningApp({ env });
  // A second server process on the same Postgres and Redis, whose runner is stopped: runs it queues execute on the
  // first.
  second = await listeningApp({ env, shareWith: server });
  await second.app.bomRunner.stop();

  ({ client: alice, userId: aliceId } = await signedInClient(server, 'alice-access'));
  ({ client: bob, userId: bobId } = await signedInClient(server, 'bob-access'));
  const { userId: adminId } = await signedInClient(server, 'root-access');
  await server.deps.db.updateTable('users').set({ role: 'admin' }).where('id', '=', adminId).execute();
  admin = await loginClient(server.baseUrl, 'root-access');

  const uploaded = await alice.bom.files.upload.mutate(xlsxForm(small.bom, 'alice.xlsx'));
  aliceFile = uploaded.fileId;
  aliceRun = (await alice.bom.runs.create.mutate({ bomFileId: aliceFile })).runId;
  await collectProgress(alice, aliceRun);
  const bobFile = await bob.bom.files.upload.mutate(xlsxForm(small.bom, 'bob.xlsx'));
  await collectProgress(bob, (await bob.bom.runs.create.mutate({ bomFileId: bobFile.fileId })).runId);
}, 180_000);
afterAll(async () => {
  await second?.close();
  await server?.close();
});

describe('bom: limits', { timeout: 120_000 }, () => {
  it('refuses a file over UPLOAD_MAX_BYTES (PAYLOAD_TOO_LARGE, sizes in the message), storing nothing', async () => {
    const large = generateBomWorkbook({ rows: 4000, opsCount: 10, seed: 5 }).bom;
    expect(large.byteLength).toBeGreaterThan(UPLOAD_MAX_BYTES);
    const error = await refusalOf(alice.bom.files.upload.mutate(xlsxForm(large, 'large.xlsx')));
    expect(error.code).toBe('PAYLOAD_TOO_LARGE');
    expect(error.data['messageKey']).toBe('bom.fileTooLarge');
    expect(error.message).toContain('0.1 MB');
    const stored = await server.deps.db
      .selectFrom('bom_files')
      .select('name')
      .where('owner_id', '=', aliceId)
      .execute();
    expect(stored.map((f) => f.name)).toEqual(['alice.xlsx']);
  });

  it('stops reading a request body far over the limit', async () => {
    const huge = new Uint8Array(UPLOAD_MAX_BYTES * 20);
    huge.set([0x50, 0x4b, 0x03, 0x04]);
    expect(await codeOf(alice.bom.files.upload.mutate(xlsxForm(huge, 'huge.xlsx')))).toBe('PAYLOAD_TOO_LARGE');
  });
});

describe('bom: who sees what', { timeout: 120_000 }, () => {
  it('another user gets NOT_FOUND for every procedure on someone else’s run or file', async () => {
    expect(await codeOf(bob.bom.runs.get.query({ runId: aliceRun }))).toBe('NOT_FOUND');
    expect(await codeOf(bob.bom.runs.downloadUrl.mutate({ runId: aliceRun }))).toBe('NOT_FOUND');
    expect(await codeOf(bob.bom.runs.delete.mutate({ runId: aliceRun }))).toBe('NOT_FOUND');
    expect(await codeOf(bob.bom.files.get.query({ fileId: aliceFile }))).toBe('NOT_FOUND');
    expect(await codeOf(bob.bom.files.materialRows.query({ fileId: aliceFile }))).toBe('NOT_FOUND');
    expect(await codeOf(bob.bom.files.downloadUrl.mutate({ fileId: aliceFile }))).toBe('NOT_FOUND');
    expect(await codeOf(bob.bom.runs.create.mutate({ bomFileId: aliceFile }))).toBe('NOT_FOUND');
    expect(await codeOf(collectProgress(bob, aliceRun))).toBe('NOT_FOUND');
    const bobsList = await bob.bom.runs.list.query({});
    expect(bobsList.items.map((r) => r.ownerId)).toEqual([bobId]);
    expect(await codeOf(bob.bom.runs.list.query({ ownerId: aliceId }))).toBe('FORBIDDEN');
  });

  it('an admin sees everyone’s runs, filters by owner, and can open any run', async () => {
    const all = await admin.bom.runs.list.query({});
    expect(new Set(all.items.map((r) => r.ownerId))).toEqual(new Set([aliceId, bobId]));
    const onlyAlice = await admin.bom.runs.list.query({ ownerId: aliceId });
    expect(onlyAlice.items.map((r) => r.runId)).toEqual([aliceRun]);
    expect(onlyAlice.items[0]?.ownerAccount).toBe('alice-access');
    expect((await admin.bom.runs.get.query({ runId: aliceRun })).status).toBe('done');
    expect((await admin.bom.runs.downloadUrl.mutate({ runId: aliceRun })).fileName).toBe('alice-新BOM.xlsx');
  });

  it('names each owner in the runs and uploads lists: account, display name and masked phone', async () => {
    await server.deps.db
      .updateTable('users')
      .set({ username: 'Alice Liu', phone: '+8613900004321' })
      .where('id', '=', aliceId)
      .execute();
    const run = (await admin.bom.runs.list.query({ ownerId: aliceId })).items[0];
    const file = (await admin.bom.files.list.query({ ownerId: aliceId })).items[0];
    for (const item of [run, file])
      expect(item).toMatchObject({
        ownerAccount: 'alice-access',
        ownerName: 'Alice Liu',
        ownerPhoneMasked: '+86 139****4321',
      });
    const bobs = (await admin.bom.runs.list.query({ ownerId: bobId })).items[0];
    expect(bobs).toMatchObject({ ownerAccount: 'bob-access', ownerName: null });
  });

  it('records every run in the audit log', async () => {
    const entries = await server.deps.db
      .selectFrom('audit_log')
      .select(['action', 'subject_user_id', 'details'])
      .where('action', 'like', 'bom.%')
      .orderBy('id')
      .execute();
    const forRun = entries.filter((e) => e.details['runId'] === aliceRun).map((e) => e.action);
    expect(forRun).toEqual(['bom.run_created', 'bom.run_succeeded']);
    expect(entries.filter((e) => e.action === 'bom.file_uploaded').map((e) => e.subject_user_id)).toEqual([
      aliceId,
      bobId,
    ]);
  });
});

describe('bom: several server processes', { timeout: 120_000 }, () => {
  it('a subscriber on one process follows a run executed by another', async () => {
    const viaSecond = await loginClient(second.baseUrl, 'alice-access');
    const { runId } = await viaSecond.bom.runs.create.mutate({ bomFileId: aliceFile });
    const events = await collectProgress(viaSecond, runId);
    expect(events.at(-1)?.data.status).toBe('done');
    const row = await server.deps.db
      .selectFrom('bom_runs')
      .select('claimed_by')
      .where('id', '=', runId)
      .executeTakeFirstOrThrow();
    expect(row.claimed_by).toBe(server.app.bomRunner.instanceId);
  });

  it('one user never has more runs executing than the limit, even with free threads on several processes', async () => {
    // A third process with two engine threads; the first has one. The limit is 1 per user.
    const wide = await listeningApp({
      env: { BOM_WORKER_THREADS: '2', BOM_MAX_RUNNING_PER_USER: '1' },
      shareWith: server,
    });
    try {
      const bobFile = await bob.bom.files.upload.mutate(xlsxForm(small.bom, 'bob.xlsx'));
      const runIds: string[] = [];
      for (let i = 0; i < 4; i++) runIds.push((await bob.bom.runs.create.mutate({ bomFileId: bobFile.fileId })).runId);
      await Promise.all(runIds.map((runId) => collectProgress(bob, runId)));
      const runs = await server.deps.db
        .selectFrom('bom_runs')
        .select(['started_at', 'finished_at', 'status', 'claimed_by'])
        .where('id', 'in', runIds)
        .orderBy('started_at')
        .execute();
      expect(runs.map((r) => r.status)).toEqual(['done', 'done', 'done', 'done']);
      for (let i = 1; i < runs.length; i++) {
        expect(runs[i]!.started_at!.getTime()).toBeGreaterThanOrEqual(runs[i - 1]!.finished_at!.getTime());
      }
    } finally {
      await wide.close();
    }
  });
});

describe('bom: material rows for the online editor', { timeout: 120_000 }, () => {
  it('lists every row with a material code, beyond the 100-row preview, as the engine reads it', async () => {
    const { rows } = await alice.bom.files.materialRows.query({ fileId: aliceFile });
    const withCode = small.rows.filter((row) => String(row.materialCode ?? '').trim() !== '');
    expect(rows.map((row) => row.rowNumber)).toEqual(withCode.map((row) => row.rowNumber));
    expect(rows[0]).toMatchObject({ materialCode: String(withCode[0]!.materialCode).trim() });

    const long = generateBomWorkbook({ rows: 250, opsCount: 1, seed: 4 });
    const upload = await alice.bom.files.upload.mutate(xlsxForm(long.bom, 'long.xlsx'));
    expect(upload.inspect.bom.preview.length).toBe(100);
    expect((await alice.bom.files.materialRows.query({ fileId: upload.fileId })).rows.at(-1)?.rowNumber).toBe(
      long.rows.at(-1)?.rowNumber,
    );
  });

  it('refuses an operations file (BAD_REQUEST) and an unknown id (NOT_FOUND)', async () => {
    const ops = await alice.bom.files.upload.mutate(xlsxForm(small.opsWorkbook, 'ops.xlsx', 'ops'));
    expect(await codeOf(alice.bom.files.materialRows.query({ fileId: ops.fileId }))).toBe('BAD_REQUEST');
    expect(await codeOf(alice.bom.files.materialRows.query({ fileId: '00000000-0000-4000-8000-000000000000' }))).toBe(
      'NOT_FOUND',
    );
  });
});

describe('bom: deleting an upload', { timeout: 120_000 }, () => {
  it('removes it for good (a re-upload stores it afresh) while runs that used it keep its name', async () => {
    const bytes = generateBomWorkbook({ rows: 30, opsCount: 3, seed: 21 }).bom;
    const first = await alice.bom.files.upload.mutate(xlsxForm(bytes, 'to-delete.xlsx'));
    const runId = (await alice.bom.runs.create.mutate({ bomFileId: first.fileId })).runId;
    await collectProgress(alice, runId);
    expect(await codeOf(bob.bom.files.delete.mutate({ fileId: first.fileId }))).toBe('NOT_FOUND');

    await alice.bom.files.delete.mutate({ fileId: first.fileId });
    expect(await codeOf(alice.bom.files.get.query({ fileId: first.fileId }))).toBe('NOT_FOUND');
    expect(await codeOf(alice.bom.files.downloadUrl.mutate({ fileId: first.fileId }))).toBe('NOT_FOUND');
    expect(await codeOf(alice.bom.runs.create.mutate({ bomFileId: first.fileId }))).toBe('NOT_FOUND');
    expect((await alice.bom.runs.get.query({ runId })).bomFile.name).toBe('to-delete.xlsx');

    const again = await alice.bom.files.upload.mutate(xlsxForm(bytes, 'to-delete.xlsx'));
    expect(again.fileId).not.toBe(first.fileId);
    expect(again.reused).toBe(false);
  });
});

describe('bom: listing uploads', { timeout: 120_000 }, () => {
  it('lists my uploads newest first with how many runs use each; admins see everyone’s; pages by cursor', async () => {
    await alice.bom.files.upload.mutate(
      xlsxForm(generateBomWorkbook({ rows: 10, opsCount: 1, seed: 33 }).bom, 'listed.xlsx'),
    );
    const mine = await alice.bom.files.list.query({});
    expect(mine.items.length).toBeGreaterThanOrEqual(2);
    expect(mine.items[0]).toMatchObject({ name: 'listed.xlsx', runs: 0 });
    expect(mine.items.every((file) => file.ownerId === aliceId)).toBe(true);
    const runsOfAliceFile = await server.deps.db
      .selectFrom('bom_runs')
      .select('id')
      .where('bom_file_id', '=', aliceFile)
      .where('deleted_at', 'is', null)
      .execute();
    expect(runsOfAliceFile.length).toBeGreaterThan(0);
    expect(mine.items.find((file) => file.fileId === aliceFile)).toMatchObject({
      name: 'alice.xlsx',
      kind: 'bom',
      runs: runsOfAliceFile.length,
    });
    const times = mine.items.map((file) => file.createdAt);
    expect(times).toEqual(times.toSorted().toReversed());
    expect((await alice.bom.files.list.query({ kind: 'ops' })).items.every((file) => file.kind === 'ops')).toBe(true);

    expect((await bob.bom.files.list.query({})).items.map((file) => file.ownerId)).toEqual([bobId]);
    expect(await codeOf(bob.bom.files.list.query({ ownerId: aliceId }))).toBe('FORBIDDEN');
    const everyone = await admin.bom.files.list.query({});
    expect(new Set(everyone.items.map((file) => file.ownerId))).toEqual(new Set([aliceId, bobId]));

    const firstPage = await alice.bom.files.list.query({ limit: 1 });
    expect(firstPage.items).toHaveLength(1);
    const secondPage = await alice.bom.files.list.query({ limit: 1, cursor: firstPage.nextCursor ?? undefined });
    expect(secondPage.items[0]?.fileId).toBe(mine.items[1]?.fileId);
    expect(await codeOf(alice.bom.files.list.query({ cursor: 'not-a-cursor' }))).toBe('BAD_REQUEST');
  });
});
