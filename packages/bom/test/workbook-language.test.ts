import { describe, expect, it } from 'vitest';
import { generateBomWorkbook } from '../src/fixtures/index';
import {
  applyOperations,
  CHANGE_LOG_HEADERS,
  OP_STATUSES,
  statusWord,
  WARNINGS_SHEET_HEADERS,
  WARNINGS_SHEET_NAME,
} from '../src/index';
import { bomWorkbook, logRows, readBook, rowValues, sheet, unzipText } from './helpers';

const BOM = [
  [3, 'M1', 2, 'R1', null, 'R1,R2', null], // row 2
  [3, 'M2', 5, null, null, 'C1,C2', null], // row 3: quantity 5 ≠ 2 designators
  [2, 'DUP', 1, null, null, 'D1', null], // row 4
  [3, 'DUP', 1, null, null, 'D2', null], // row 5
];
const OPS = [
  [null, 'M1', 'del', 'R1', null], // applied, also from A面位号
  [null, 'M1', 'del', 'R1,R2', null], // partial
  [null, 'NOPE', 'add', 'X1', null], // not_found
  [null, 'DUP', 'del', 'D1', null], // ambiguous
  [null, 'M2', 'swap', 'C1', null], // invalid
];

describe('the workbook’s language (issue 12.10)', () => {
  it('writes 状态 in Chinese by default, keeping the contract’s column order and headers', async () => {
    const result = applyOperations(bomWorkbook(BOM, OPS), { kind: 'sheet' });
    const wb = await readBook(result.workbook);
    expect(rowValues(sheet(wb, '变更日志'), 1, 12)).toEqual([...CHANGE_LOG_HEADERS]);
    const log = logRows(wb);
    expect(log.map((row) => row['状态'])).toEqual(['已应用', '部分应用', '未找到', '匹配多行', '无效']);
    expect(log[0]!['说明']).toBe('已删除 R1；同时从A面位号删除 R1');
    expect(log[1]!['说明']).toBe('已删除 R2；不在位号中，未删除 R1');
    expect(log[2]!['说明']).toBe('BOM 中没有物料 NOPE');
    expect(log[4]!['说明']).toBe('操作类型无效「swap」（应为 add 或 del）');
    // the JSON log keeps the codes: the UI words them in its reader's language
    expect(result.log.map((entry) => entry.status)).toEqual([
      'applied',
      'partial',
      'not_found',
      'ambiguous',
      'invalid',
    ]);
    expect(result.log[0]!.notes).toEqual([
      { code: 'deleted', params: { designators: 'R1' } },
      { code: 'removed_from_top', params: { designators: 'R1' } },
    ]);
  });

  it('writes English status words and notes with lang: en, headers and codes unchanged', async () => {
    const result = applyOperations(bomWorkbook(BOM, OPS), { kind: 'sheet' }, { lang: 'en' });
    const wb = await readBook(result.workbook);
    expect(rowValues(sheet(wb, '变更日志'), 1, 12)).toEqual([...CHANGE_LOG_HEADERS]);
    const log = logRows(wb);
    expect(log.map((row) => row['状态'])).toEqual(['Applied', 'Partly applied', 'Not found', 'Ambiguous', 'Invalid']);
    expect(log[0]!['说明']).toBe('Deleted R1; Also removed from the top-side designators (A面位号): R1');
    expect(log[3]!['说明']).toBe(
      'Material DUP is on 2 rows: 4,5; not run (name one of them in the BOM row column, BOM行)',
    );
    expect(log[4]!['说明']).toBe('Invalid operation "swap" (use add or del)');
    expect(result.log.map((entry) => entry.status)).toEqual([
      'applied',
      'partial',
      'not_found',
      'ambiguous',
      'invalid',
    ]);
  });

  it('uses one word per status in each language', () => {
    for (const lang of ['zh-CN', 'en'] as const)
      expect(new Set(OP_STATUSES.map((status) => statusWord(status, lang))).size).toBe(OP_STATUSES.length);
  });
});

describe('校验警告: every warning in the result workbook (issue 12.5)', () => {
  it('lists every warning, past the summary’s list, with its kind, rows and text, under a filter', async () => {
    const fixture = generateBomWorkbook({ rows: 800, opsCount: 400, seed: 2026 });
    const result = applyOperations(fixture.bom, { kind: 'sheet' }, { maxWarnings: 10 });
    const { summary } = result;
    expect(summary.warningsTotal).toBeGreaterThan(50);
    expect(summary.warnings).toHaveLength(10);
    expect(Object.values(summary.warningCounts).reduce((a, b) => a + b, 0)).toBe(summary.warningsTotal);

    const wb = await readBook(result.workbook);
    expect(wb.worksheets.map((w) => w.name).slice(-3)).toEqual(['新BOM表', '变更日志', WARNINGS_SHEET_NAME]);
    const ws = sheet(wb, WARNINGS_SHEET_NAME);
    expect(rowValues(ws, 1, 4)).toEqual([...WARNINGS_SHEET_HEADERS]);
    expect(ws.rowCount).toBe(summary.warningsTotal + 1);
    const kinds = new Map<unknown, number>();
    for (let r = 2; r <= ws.rowCount; r++)
      kinds.set(ws.getCell(r, 1).value, (kinds.get(ws.getCell(r, 1).value) ?? 0) + 1);
    expect(kinds.get('用量与位号数不符')).toBe(summary.warningCounts.quantity_mismatch);
    expect(kinds.get('操作的位号不在 BOM 中')).toBe(summary.warningCounts.op_designators_not_on_bom);

    const first = summary.warnings.find((w) => w.code === 'quantity_mismatch')!;
    const row = Array.from({ length: ws.rowCount - 1 }, (_, i) => rowValues(ws, i + 2, 4)).find(
      (values) => values[0] === '用量与位号数不符' && values[1] === (first.params as { row: number }).row,
    );
    expect(row?.[3]).toMatch(/^第 \d+ 行（.+）用量 \d+ 与位号数 \d+ 不一致$/);
    const opRow = Array.from({ length: ws.rowCount - 1 }, (_, i) => rowValues(ws, i + 2, 4)).find(
      (values) => values[0] === '操作的位号不在 BOM 中',
    );
    expect(opRow?.[1]).toBeNull();
    expect(typeof opRow?.[2]).toBe('number');

    const sheetXml = [...unzipText(result.workbook).values()].find((xml) => xml.includes('>用量与位号数不符<'));
    expect(sheetXml).toMatch(/<autoFilter ref="A1:D\d+"\/>/);
  });

  it('words the sheet in English with lang: en', async () => {
    const result = applyOperations(bomWorkbook(BOM, OPS), { kind: 'sheet' }, { lang: 'en' });
    const ws = sheet(await readBook(result.workbook), WARNINGS_SHEET_NAME);
    expect(rowValues(ws, 1, 4)).toEqual([...WARNINGS_SHEET_HEADERS]);
    const rows = Array.from({ length: ws.rowCount - 1 }, (_, i) => rowValues(ws, i + 2, 4));
    expect(rows).toEqual([
      ['Quantity differs from designator count', 3, null, 'Row 3 (M2): quantity 5, but 2 designators'],
    ]);
  });

  it('adds no warnings sheet when there is nothing to warn about', async () => {
    const clean = bomWorkbook([[3, 'M1', 2, null, null, 'R1,R2', null]], [[null, 'M1', 'del', 'R1', null]]);
    const result = applyOperations(clean, { kind: 'sheet' });
    expect(result.summary.warningsTotal).toBe(0);
    const wb = await readBook(result.workbook);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['原表', '操作指示表', '新BOM表', '变更日志']);
  });
});
