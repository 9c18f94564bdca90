import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyOperations, CHANGE_LOG_HEADERS, statusWord, validateOpRows, type OpRow } from '@arya/bom';
import { FIXTURE_BOM_HEADERS, FIXTURE_COLUMNS, generateBomWorkbook } from '@arya/bom/fixtures';
import { createAryaClient } from '@arya/client';
import { strongPassword } from '../helpers';
import {
  collectProgress,
  download,
  listeningApp,
  readWorkbook,
  refusalOf,
  rowValues,
  signedInClient,
  typedClient,
  xlsxForm,
  type AryaClient,
  type ListeningApp,
} from './harness';

let server: ListeningApp;
let alice: AryaClient;

beforeAll(async () => {
  server = await listeningApp();
  ({ client: alice } = await signedInClient(server, 'alice-bom'));
});
afterAll(async () => {
  await server?.close();
});

const generated = generateBomWorkbook({ rows: 300, opsCount: 40, seed: 7, titleRows: 2 });
const columns = FIXTURE_BOM_HEADERS.length;

/** How the engine writes a designator list it changed; `fallback` when it did not touch the cell. */
const listCell = (items: string[] | undefined, fallback: string | number | boolean | null) =>
  items === undefined ? fallback : items.length === 0 ? null : items.join(',');

describe('bom: upload → inspect → run → progress → get → download', { timeout: 120_000 }, () => {
  it('runs the workbook’s own 操作指示表 and gives the engine’s result, cell by cell', async () => {
    const uploaded = await alice.bom.files.upload.mutate(xlsxForm(generated.bom, '主板BOM 2026.xlsx'));
    expect(uploaded.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(uploaded.reused).toBe(false);
    expect(uploaded.inspect.bom).toMatchObject({ sheet: '原表', headerRow: generated.headerRow, dataRowCount: 300 });
    expect(uploaded.inspect.bom.roles.designators?.header).toBe('位号');
    expect(uploaded.inspect.bom.preview).toHaveLength(100);
    expect(uploaded.inspect.ops?.sheet).toBe('操作指示表');

    const again = await alice.bom.files.upload.mutate(xlsxForm(generated.bom, 'copy.xlsx'));
    expect(again).toMatchObject({ fileId: uploaded.fileId, reused: true, name: '主板BOM 2026.xlsx' });

    const { runId } = await alice.bom.runs.create.mutate({ bomFileId: uploaded.fileId });
    const events = await collectProgress(alice, runId);
    const last = events.at(-1)!;
    expect(last.data).toMatchObject({ status: 'done', phase: 'done', percent: 100 });
    const percents = events.map((e) => e.data.percent);
    expect(percents).toEqual(percents.toSorted((a, b) => a - b));
    expect(new Set(events.map((e) => e.data.phase))).toEqual(
      new Set(['queued', 'read', 'apply', 'write', 'save', 'done']),
    );

    // Resuming after the first event gives the rest, and nothing before it.
    const resumed = await collectProgress(alice, runId, events[0]!.id);
    expect(resumed.map((e) => e.id)).toEqual(events.slice(1).map((e) => e.id));

    const expected = applyOperations(generated.bom, { kind: 'sheet' });
    const run = await alice.bom.runs.get.query({ runId });
    expect(run).toMatchObject({ status: 'done', opsSource: 'sheet', attempts: 1, error: null });
    expect(run.summary?.counts).toEqual(expected.summary.counts);
    expect(run.summary?.rowsChanged).toBe(expected.summary.rowsChanged);
    expect(run.log).toEqual(expected.log);
    expect(run.diff).toEqual(expected.diff);
    expect(run.durationMs).toBeGreaterThanOrEqual(0);
    expect(run.result?.fileName).toBe('主板BOM 2026-新BOM.xlsx');

    const link = await alice.bom.runs.downloadUrl.mutate({ runId });
    const file = await download(server.baseUrl, link.url);
    expect(file.status).toBe(200);
    expect(file.type).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(file.disposition).toBe(
      `attachment; filename="__BOM 2026-_BOM.xlsx"; filename*=UTF-8''${encodeURIComponent('主板BOM 2026-新BOM.xlsx')}`,
    );

    const book = await readWorkbook(file.bytes);
    const original = book.getWorksheet('原表')!;
    const changed = book.getWorksheet('新BOM表')!;
    const changedRows = new Map(run.diff.map((d) => [d.bomRow, d]));
    expect(changedRows.size).toBeGreaterThan(0);
    for (let row = 1; row <= generated.headerRow + generated.rows.length; row++) {
      const before = rowValues(original, row, columns);
      const diff = changedRows.get(row);
      // Unchanged rows are identical to 原表; a changed row differs only in 位号, 用量 and (after a del) A/B面位号.
      const expectedRow = [...before];
      if (diff) {
        expectedRow[FIXTURE_COLUMNS.designators - 1] = listCell(diff.after, null);
        expectedRow[FIXTURE_COLUMNS.quantity - 1] = diff.after.length;
        expectedRow[FIXTURE_COLUMNS.top - 1] = listCell(diff.topAfter, before[FIXTURE_COLUMNS.top - 1] ?? null);
        expectedRow[FIXTURE_COLUMNS.bottom - 1] = listCell(
          diff.bottomAfter,
          before[FIXTURE_COLUMNS.bottom - 1] ?? null,
        );
      }
      expect(rowValues(changed, row, columns), `新BOM表 row ${row}`).toEqual(expectedRow);
    }
    const log = book.getWorksheet('变更日志')!;
    expect(rowValues(log, 1, CHANGE_LOG_HEADERS.length)).toEqual([...CHANGE_LOG_HEADERS]);
    run.log.forEach((entry, i) => {
      const cells = rowValues(log, i + 2, CHANGE_LOG_HEADERS.length);
      expect(cells[0]).toBe(entry.seq);
      expect(cells[5]).toBe(statusWord(entry.status, 'zh-CN'));
      expect(cells[6]).toBe(entry.bomRow);
    });

    // The original upload, byte for byte, under its own name.
    const originalLink = await alice.bom.files.downloadUrl.mutate({ fileId: uploaded.fileId });
    const originalFile = await download(server.baseUrl, originalLink.url);
    expect(originalFile.bytes.equals(Buffer.from(generated.bom))).toBe(true);
    expect(originalFile.disposition).toContain(`filename*=UTF-8''${encodeURIComponent('主板BOM 2026.xlsx')}`);
  });

  it('runs an uploaded operations workbook', async () => {
    const bom = await alice.bom.files.upload.mutate(xlsxForm(generated.bom, 'bom.xlsx'));
    const ops = await alice.bom.files.upload.mutate(xlsxForm(generated.opsWorkbook, 'ops.xlsx', 'ops'));
    const { runId } = await alice.bom.runs.create.mutate({ bomFileId: bom.fileId, opsFileId: ops.fileId });
    await collectProgress(alice, runId);
    const run = await alice.bom.runs.get.query({ runId });
    const expected = applyOperations(generated.bom, { kind: 'workbook', bytes: generated.opsWorkbook });
    expect(run).toMatchObject({
      status: 'done',
      opsSource: 'workbook',
      opsFile: { fileId: ops.fileId, name: 'ops.xlsx' },
    });
    expect(run.log).toEqual(expected.log);
  });

  it('runs operations entered online', async () => {
    const problems = new Set(validateOpRows(generated.opRows).map((p) => p.index));
    const online: OpRow[] = generated.opRows.filter((_, i) => !problems.has(i));
    const bom = await alice.bom.files.upload.mutate(xlsxForm(generated.bom, 'bom.xlsx'));
    const { runId } = await alice.bom.runs.create.mutate({ bomFileId: bom.fileId, ops: online });
    const events = await collectProgress(alice, runId);
    expect(events.at(-1)?.data.status).toBe('done');
    const run = await alice.bom.runs.get.query({ runId });
    const expected = applyOperations(generated.bom, { kind: 'rows', rows: online });
    expect(run.opsSource).toBe('rows');
    expect(run.ops).toEqual(online);
    expect(run.log).toEqual(expected.log);
    expect(run.summary?.counts.applied).toBeGreaterThan(0);
  });

  it('works for an internal service through @arya/client (multipart upload, SSE progress)', async () => {
    const service = createAryaClient({ url: `${server.baseUrl}/trpc` });
    await service.login({ account: 'alice-bom', password: strongPassword });
    const bom = await service.trpc.bom.files.upload.mutate(xlsxForm(generated.bom, 'service.xlsx'));
    const { runId } = await service.trpc.bom.runs.create.mutate({ bomFileId: bom.fileId });
    const final = await new Promise<string>((resolve, reject) => {
      const subscription = service.trpc.bom.runs.progress.subscribe(
        { runId },
        {
          onData: ({ data }) => {
            if (data.status !== 'done' && data.status !== 'failed') return;
            subscription.unsubscribe();
            resolve(data.status);
          },
          onError: reject,
        },
      );
    });
    expect(final).toBe('done');
    expect((await service.trpc.bom.runs.get.query({ runId })).summary?.opsTotal).toBeGreaterThan(0);
  });

  it('lists runs newest first with a cursor, and deletes', async () => {
    const first = await alice.bom.runs.list.query({ limit: 2 });
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = await alice.bom.runs.list.query({ limit: 2, cursor: first.nextCursor! });
    expect(second.items.length).toBeGreaterThanOrEqual(1);
    const all = [...first.items, ...second.items];
    expect(new Set(all.map((r) => r.runId)).size).toBe(all.length);
    expect(all.map((r) => r.createdAt)).toEqual(
      all
        .map((r) => r.createdAt)
        .toSorted()
        .toReversed(),
    );

    const victim = first.items[0]!.runId;
    const link = await alice.bom.runs.downloadUrl.mutate({ runId: victim });
    await alice.bom.runs.delete.mutate({ runId: victim });
    expect((await refusalOf(alice.bom.runs.get.query({ runId: victim }))).code).toBe('NOT_FOUND');
    expect((await download(server.baseUrl, link.url)).status).toBe(404);
  });

  it('gives the template workbook', async () => {
    const template = await alice.bom.template.query();
    const book = await readWorkbook(Buffer.from(template.base64, 'base64'));
    expect(book.worksheets.map((s) => s.name)).toEqual(expect.arrayContaining(['原表', '操作指示表']));
    expect(template.fileName).toMatch(/\.xlsx$/);
  });
});

async function storedFiles(): Promise<number> {
  const { count } = await server.deps.db
    .selectFrom('bom_files')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .executeTakeFirstOrThrow();
  return Number(count);
}

describe('bom: refusals (typed errors, nothing stored)', { timeout: 120_000 }, () => {
  it('refuses bytes that are not a workbook, whatever the name says', async () => {
    const before = await storedFiles();
    const error = await refusalOf(
      alice.bom.files.upload.mutate(xlsxForm(new TextEncoder().encode('name,qty\nR1,1\n'), 'bom.xlsx')),
    );
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.data['messageKey']).toBe('bom.notXlsx');
    expect(error.message).toContain('.xlsx');
    expect(await storedFiles()).toBe(before);
  });

  it('refuses a legacy .xls (OLE compound file) with the fix in the message', async () => {
    const xls = new Uint8Array(4096);
    xls.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const error = await refusalOf(alice.bom.files.upload.mutate(xlsxForm(xls, 'old.xls')));
    expect(error).toMatchObject({ code: 'BAD_REQUEST', data: { messageKey: 'bom.xlsNotSupported' } });
    expect(error.message).toContain('另存为 .xlsx');
  });

  it('refuses a zip that holds no workbook part', async () => {
    // a valid zip (one stored entry, no xl/workbook.xml): the engine's check by content
    const { zipSync } = await import('fflate');
    const zip = zipSync({ 'hello.txt': new TextEncoder().encode('hi') });
    const error = await refusalOf(alice.bom.files.upload.mutate(xlsxForm(zip, 'fake.xlsx')));
    expect(error.code).toBe('BAD_REQUEST');
    expect(['bom.notXlsx', 'bom.workbookRejected']).toContain(error.data['messageKey']);
  });

  it('refuses a zip bomb (more entries than the engine reads) without storing it', async () => {
    const { zipSync } = await import('fflate');
    const entries = Object.fromEntries(Array.from({ length: 6000 }, (_, i) => [`xl/junk/${i}.xml`, new Uint8Array(1)]));
    const before = await storedFiles();
    const error = await refusalOf(alice.bom.files.upload.mutate(xlsxForm(zipSync(entries, { level: 0 }), 'bomb.xlsx')));
    expect(error).toMatchObject({
      code: 'BAD_REQUEST',
      data: { messageKey: 'bom.workbookRejected', params: { engineCode: 'zip_bomb' } },
    });
    expect(await storedFiles()).toBe(before);
  });

  it('refuses online ops with per-row errors before running anything', async () => {
    const bom = await alice.bom.files.upload.mutate(xlsxForm(generated.bom, 'bom.xlsx'));
    const before = await alice.bom.runs.list.query({ limit: 100 });
    const error = await refusalOf(
      alice.bom.runs.create.mutate({
        bomFileId: bom.fileId,
        ops: [
          { materialCode: '80000001', op: 'add', designators: 'R1' },
          { materialCode: '80000001', op: 'modify', designators: 'R1' },
          { materialCode: '', op: 'del', designators: 'R2' },
          { materialCode: '80000002', op: 'add', designators: 'R9-R3' },
        ],
      }),
    );
    expect(error).toMatchObject({
      code: 'BAD_REQUEST',
      data: { messageKey: 'bom.invalidOpRows', params: { count: 3, firstRow: 3 } },
    });
    const fieldErrors = error.data['fieldErrors'] as Record<string, string[]>;
    expect(Object.keys(fieldErrors).toSorted()).toEqual(['ops.1', 'ops.2', 'ops.3']);
    expect(fieldErrors['ops.1']![0]).toContain('modify');
    expect(fieldErrors['ops.3']![0]).toContain('R9-R3');
    const after = await alice.bom.runs.list.query({ limit: 100 });
    expect(after.items.length).toBe(before.items.length);
  });

  it('refuses a run without operations when the workbook has no 操作指示表', async () => {
    const plain = generateBomWorkbook({ rows: 20, opsSheet: false, seed: 3 });
    const bom = await alice.bom.files.upload.mutate(xlsxForm(plain.bom, 'plain.xlsx'));
    const error = await refusalOf(alice.bom.runs.create.mutate({ bomFileId: bom.fileId }));
    expect(error).toMatchObject({ code: 'BAD_REQUEST', data: { messageKey: 'bom.noOpsSheet' } });
  });

  it('refuses an unauthenticated upload', async () => {
    const anonymous = typedClient(server.baseUrl, null);
    const error = await refusalOf(anonymous.bom.files.upload.mutate(xlsxForm(generated.bom, 'bom.xlsx')));
    expect(error.code).toBe('UNAUTHORIZED');
  });
});
