import { Migrator } from 'kysely/migration';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPECTED_REVISION_COMPARISON, generateBomWorkbook, revisionWorkbooks } from '@arya/bom/fixtures';
import { migrateToLatest, migrations } from '@arya/db';
import {
  collectProgress,
  download,
  listeningApp,
  loginClient,
  readWorkbook,
  refusalOf,
  rowValues,
  signedInClient,
  xlsxForm,
  type AryaClient,
  type ListeningApp,
} from './harness';

let server: ListeningApp;
let alice: AryaClient;
let bob: AryaClient;
let admin: AryaClient;
let bobId: string;
let oldFile: string;
let newFile: string;
let opsFile: string;
let runId: string;
let runFile: string;

const codeOf = async (call: Promise<unknown>) => (await refusalOf(call)).code;

const generated = generateBomWorkbook({ rows: 80, opsCount: 15, seed: 21 });

beforeAll(async () => {
  server = await listeningApp();
  ({ client: alice } = await signedInClient(server, 'alice-compare'));
  ({ client: bob, userId: bobId } = await signedInClient(server, 'bob-compare'));
  const { userId: adminId } = await signedInClient(server, 'root-compare');
  await server.deps.db.updateTable('users').set({ role: 'admin' }).where('id', '=', adminId).execute();
  admin = await loginClient(server.baseUrl, 'root-compare');

  const revisions = revisionWorkbooks();
  oldFile = (await alice.bom.files.upload.mutate(xlsxForm(revisions.old, '旧版.xlsx'))).fileId;
  newFile = (await alice.bom.files.upload.mutate(xlsxForm(revisions.new, '新版.xlsx'))).fileId;
  opsFile = (await alice.bom.files.upload.mutate(xlsxForm(generated.opsWorkbook, 'ops.xlsx', 'ops'))).fileId;
  runFile = (await alice.bom.files.upload.mutate(xlsxForm(generated.bom, 'run.xlsx'))).fileId;
  runId = (await alice.bom.runs.create.mutate({ bomFileId: runFile })).runId;
  await collectProgress(alice, runId);
}, 180_000);
afterAll(async () => {
  await server?.close();
});

describe('bom.compare', { timeout: 120_000 }, () => {
  it('gives the contract JSON for two uploads', async () => {
    expect(await alice.bom.compare.query({ oldFileId: oldFile, newFileId: newFile })).toEqual(
      EXPECTED_REVISION_COMPARISON,
    );
  });

  it('links to the diff workbook, made when the link is opened', async () => {
    const link = await alice.bom.compareDownloadUrl.mutate({ oldFileId: oldFile, newFileId: newFile });
    expect(link.fileName).toBe('旧版-对比-新版.xlsx');
    const got = await download(server.baseUrl, link.url);
    expect(got.status).toBe(200);
    expect(got.disposition).toContain(encodeURIComponent('旧版-对比-新版.xlsx'));
    const workbook = await readWorkbook(got.bytes);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['对比摘要', '对比明细']);
    expect(rowValues(workbook.getWorksheet('对比摘要')!, 2, 2)).toEqual(['原文件', '旧版.xlsx']);
    expect(rowValues(workbook.getWorksheet('对比明细')!, 3, 3)).toEqual(['删除', 1, '200']);
  });

  it('refuses what it cannot compare with a message a user can act on', async () => {
    const noSheet = await refusalOf(alice.bom.compare.query({ oldFileId: oldFile, newFileId: newFile, sheet: '明细' }));
    expect(noSheet.code).toBe('BAD_REQUEST');
    expect(noSheet.data['messageKey']).toBe('bom.compareRejected');
    expect(noSheet.message).toBe('无法对比「旧版.xlsx」：工作簿中没有「明细」工作表（现有：原表）');
    const ops = await refusalOf(alice.bom.compare.query({ oldFileId: oldFile, newFileId: opsFile }));
    expect([ops.code, ops.data['messageKey']]).toEqual(['BAD_REQUEST', 'bom.fileWrongKind']);
    const bad = await refusalOf(alice.bom.compare.query({ oldFileId: 'not-a-uuid', newFileId: newFile }));
    expect(bad.code).toBe('BAD_REQUEST');
  });
});

describe('bom.runs.compare', { timeout: 120_000 }, () => {
  it("compares a run's input with its result: exactly the rows the run changed", async () => {
    const run = await alice.bom.runs.get.query({ runId });
    const comparison = await alice.bom.runs.compare.query({ runId });
    const changed = (run.diff ?? []).filter((d) => d.added.length + d.removed.length > 0);
    expect(changed.length).toBeGreaterThan(0);
    expect(comparison.rows.map((r) => [r.status, r.oldRow, r.newRow])).toEqual(
      changed.map((d) => ['changed', d.bomRow, d.bomRow]),
    );
    expect(comparison.summary.added + comparison.summary.removed).toBe(0);

    const link = await alice.bom.runs.compareDownloadUrl.mutate({ runId });
    expect(link.fileName).toBe('run-对比.xlsx');
    const workbook = await readWorkbook((await download(server.baseUrl, link.url)).bytes);
    expect(rowValues(workbook.getWorksheet('对比摘要')!, 3, 2)).toEqual(['新文件', 'run-新BOM.xlsx']);
  });

  it('says so when the original upload is gone', async () => {
    const other = generateBomWorkbook({ rows: 30, opsCount: 5, seed: 22 });
    const { fileId } = await alice.bom.files.upload.mutate(xlsxForm(other.bom, 'gone.xlsx'));
    const { runId: goneRun } = await alice.bom.runs.create.mutate({ bomFileId: fileId });
    await collectProgress(alice, goneRun);
    const link = await alice.bom.runs.compareDownloadUrl.mutate({ runId: goneRun });
    const usesOf = () =>
      server.deps.db.selectFrom('bom_material_uses').select('row_number').where('file_id', '=', fileId).execute();
    expect((await usesOf()).length).toBe(other.rows.length);
    await alice.bom.files.delete.mutate({ fileId });
    expect(await usesOf()).toEqual([]);
    const refused = await refusalOf(alice.bom.runs.compare.query({ runId: goneRun }));
    expect([refused.code, refused.data['messageKey']]).toEqual(['CONFLICT', 'bom.compareSourceDeleted']);
    expect((await download(server.baseUrl, link.url)).status).toBe(404);
  });
});

describe('who may compare and look up what', { timeout: 120_000 }, () => {
  it("another user gets NOT_FOUND for someone else's uploads and runs, even paired with their own", async () => {
    const { fileId: bobFile } = await bob.bom.files.upload.mutate(xlsxForm(generated.bom, 'bob.xlsx'));
    expect(await codeOf(bob.bom.compare.query({ oldFileId: oldFile, newFileId: newFile }))).toBe('NOT_FOUND');
    expect(await codeOf(bob.bom.compare.query({ oldFileId: bobFile, newFileId: newFile }))).toBe('NOT_FOUND');
    expect(await codeOf(bob.bom.compare.query({ oldFileId: oldFile, newFileId: bobFile }))).toBe('NOT_FOUND');
    expect(await codeOf(bob.bom.compareDownloadUrl.mutate({ oldFileId: bobFile, newFileId: oldFile }))).toBe(
      'NOT_FOUND',
    );
    expect(await codeOf(bob.bom.runs.compare.query({ runId }))).toBe('NOT_FOUND');
    expect(await codeOf(bob.bom.runs.compareDownloadUrl.mutate({ runId }))).toBe('NOT_FOUND');
    // an admin may compare anyone's
    expect((await admin.bom.compare.query({ oldFileId: bobFile, newFileId: runFile })).rows).toEqual([]);
  });

  it("whereUsed lists the caller's uploads (admins: everyone's), newest first, with occurrences and runs", async () => {
    const code = String(generated.rows.find((r) => typeof r.materialCode === 'number')!.materialCode);
    const mine = await alice.bom.whereUsed.query({ materialCode: ` ${code} ` });
    expect(mine.materialCode).toBe(code);
    expect(mine.items.map((i) => i.fileName)).toEqual(['run.xlsx']);
    const [item] = mine.items;
    const expected = generated.rows.filter((r) => String(r.materialCode) === code);
    expect(item!.occurrences).toEqual(
      expected.map((r) => ({
        row: r.rowNumber,
        level: r.level,
        quantity: r.quantity,
        designators: expect.any(Array),
      })),
    );
    expect(item!.uploader.account).toBe('alice-compare');
    expect(item!.runs.map((r) => r.runId)).toEqual([runId]);

    const everyone = await admin.bom.whereUsed.query({ materialCode: code });
    expect(everyone.items.map((i) => i.fileName)).toEqual(['bob.xlsx', 'run.xlsx']);
    expect(everyone.items[0]!.uploader.userId).toBe(bobId);
    const bobs = await bob.bom.whereUsed.query({ materialCode: code });
    expect(bobs.items.map((i) => i.fileName)).toEqual(['bob.xlsx']);
    expect(bobs.items[0]!.runs).toEqual([]);

    const hand = await alice.bom.whereUsed.query({ materialCode: '500' });
    expect(hand.items.map((i) => [i.fileName, i.occurrences])).toEqual([
      [
        '新版.xlsx',
        [
          { row: 4, level: 2, quantity: 2, designators: ['C2', 'C3'] },
          { row: 5, level: 3, quantity: 1, designators: ['C9'] },
        ],
      ],
    ]);
    expect((await alice.bom.whereUsed.query({ materialCode: 'no-such-code' })).items).toEqual([]);
    expect((await refusalOf(alice.bom.whereUsed.query({ materialCode: '  ' }))).code).toBe('BAD_REQUEST');
  });

  it("narrows the runs and files lists to one upload (where-used links), never past the viewer's own", async () => {
    const runs = await alice.bom.runs.list.query({ fileId: runFile });
    expect(runs.items.map((r) => r.runId)).toEqual([runId]);
    expect((await alice.bom.runs.list.query({ fileId: newFile })).items).toEqual([]);
    const files = await alice.bom.files.list.query({ fileId: runFile });
    expect(files.items.map((f) => [f.fileId, f.name, f.runs])).toEqual([[runFile, 'run.xlsx', 1]]);
    // someone else's upload: nothing, as if it did not exist; an admin sees it
    expect((await bob.bom.runs.list.query({ fileId: runFile })).items).toEqual([]);
    expect((await bob.bom.files.list.query({ fileId: runFile })).items).toEqual([]);
    expect((await admin.bom.runs.list.query({ fileId: runFile })).items.map((r) => r.runId)).toEqual([runId]);
    expect((await refusalOf(alice.bom.runs.list.query({ fileId: 'nope' }))).code).toBe('BAD_REQUEST');
  });

  it('indexes uploads made before the index existed (the migration reads their stored bytes)', async () => {
    const db = server.deps.db;
    // uploads deleted since keep their rows until the index is rebuilt; the live ones are what must come back
    const count = async () => {
      const { n } = await db
        .selectFrom('bom_material_uses as m')
        .innerJoin('bom_files as f', 'f.id', 'm.file_id')
        .where('f.deleted_at', 'is', null)
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      return Number(n);
    };
    const before = await count();
    expect(before).toBeGreaterThan(0);
    const indexed = await alice.bom.whereUsed.query({ materialCode: '500' });
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations } });
    const down = await migrator.migrateTo('2026_11_30_0300_refresh_successor');
    expect(down.error).toBeUndefined();
    await migrateToLatest(db);
    expect(await count()).toBe(before);
    expect(await alice.bom.whereUsed.query({ materialCode: '500' })).toEqual(indexed);
  });
});
