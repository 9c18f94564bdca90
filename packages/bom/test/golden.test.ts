import { describe, expect, it } from 'vitest';
import { FIXTURE_BOM_HEADERS, FIXTURE_COLUMNS, generateBomWorkbook, type GeneratedBomRow } from '../src/fixtures/index';
import { applyOperations, CHANGE_LOG_HEADERS, type OpRow } from '../src/index';
import { isHighlighted, logRows, plain, readBook, rowValues, sheet } from './helpers';

/**
 * An independent, deliberately plain reading of the contract, used to check the engine's output cell by
 * cell on generated workbooks. It shares no code with src/.
 */
const split = (text: string) =>
  text
    .split(/[,，;；、\s]+/u)
    .map((t) => t.trim().toUpperCase())
    .filter(Boolean);
function expand(text: string): { items: string[]; bad: boolean } {
  const items: string[] = [];
  let bad = false;
  for (const t of split(text)) {
    const m = /^([A-Z]+)(\d+)[-~]([A-Z]+)(\d+)$/.exec(t);
    if (!m) items.push(t);
    else if (m[1] !== m[3] || Number(m[4]) < Number(m[2]) || Number(m[4]) - Number(m[2]) >= 1000) bad = true;
    else for (let n = Number(m[2]); n <= Number(m[4]); n++) items.push(`${m[1]}${n}`);
  }
  return { items, bad };
}
const key = (v: unknown) => (typeof v === 'number' ? String(Math.trunc(v)) : String(v ?? '').trim());
const ADD = ['add', '增加', '新增'];
/** 状态 as the workbook writes it by default (issue 12: status words in the workbook's language). */
const STATUS_ZH: Record<string, string> = {
  applied: '已应用',
  partial: '部分应用',
  unchanged: '无变化',
  not_found: '未找到',
  ambiguous: '匹配多行',
  invalid: '无效',
};
const DEL = ['del', 'delete', '删除', 'remove'];

interface Expected {
  list: string[];
  top: string[];
  bottom: string[];
  topTouched: boolean;
  bottomTouched: boolean;
}

function reference(rows: readonly GeneratedBomRow[], ops: readonly OpRow[]) {
  const state = new Map<number, Expected>();
  const statuses: string[] = [];
  for (const op of ops) {
    const code = key(op.materialCode);
    const kind = op.op.trim().toLowerCase();
    if (!code && !kind && !op.designators.trim()) continue;
    const { items, bad } = expand(op.designators);
    const wanted = [...new Set(items)];
    if (!code || bad || wanted.length === 0 || (!ADD.includes(kind) && !DEL.includes(kind))) {
      statuses.push('invalid');
      continue;
    }
    const matches = rows.filter(
      (r) => key(r.materialCode) === code && (op.level == null || r.level === Number(op.level)),
    );
    if (matches.length !== 1) {
      statuses.push(matches.length === 0 ? 'not_found' : 'ambiguous');
      continue;
    }
    const row = matches[0]!;
    const s = state.get(row.rowNumber) ?? {
      list: expand(row.designators).items,
      top: expand(row.top).items,
      bottom: expand(row.bottom).items,
      topTouched: false,
      bottomTouched: false,
    };
    state.set(row.rowNumber, s);
    let changed = 0;
    let noop = 0;
    for (const d of wanted) {
      const has = s.list.includes(d);
      if (has === ADD.includes(kind)) {
        noop++;
        continue;
      }
      changed++;
      if (ADD.includes(kind)) {
        s.list.push(d);
        continue;
      }
      s.list = s.list.filter((x) => x !== d);
      if (s.top.includes(d)) {
        s.top = s.top.filter((x) => x !== d);
        s.topTouched = true;
      }
      if (s.bottom.includes(d)) {
        s.bottom = s.bottom.filter((x) => x !== d);
        s.bottomTouched = true;
      }
    }
    statuses.push(changed === 0 ? 'unchanged' : noop === 0 ? 'applied' : 'partial');
  }
  return { state, statuses };
}

describe.each([
  { rows: 400, opsCount: 150, seed: 11, titleRows: 0 },
  { rows: 250, opsCount: 120, seed: 5, titleRows: 2 },
])('golden: generated BOM %o', (options) => {
  const generated = generateBomWorkbook(options);
  const result = applyOperations(generated.bom, { kind: 'sheet' });
  const expected = reference(generated.rows, generated.opRows);
  const cols = FIXTURE_BOM_HEADERS.length;

  it('logs the status the contract gives each op', async () => {
    const wb = await readBook(result.workbook);
    const log = logRows(wb);
    expect(rowValues(sheet(wb, '变更日志'), 1, 12)).toEqual([...CHANGE_LOG_HEADERS]);
    expect(log.map((r) => r['状态'])).toEqual(expected.statuses.map((status) => STATUS_ZH[status]));
    expect(result.log.map((entry) => entry.status)).toEqual(expected.statuses);
    expect(new Set(expected.statuses).size).toBeGreaterThanOrEqual(5); // the fixture exercises most statuses
  });

  it('writes 新BOM表 right to the cell: changed cells rewritten and filled, every other cell as in 原表', async () => {
    const wb = await readBook(result.workbook);
    const original = sheet(wb, '原表');
    const out = sheet(wb, '新BOM表');
    expect(out.rowCount).toBe(original.rowCount);
    let changedCells = 0;
    const mismatches: string[] = [];
    const check = (where: string, got: unknown, want: unknown) => {
      if (JSON.stringify(got) !== JSON.stringify(want))
        mismatches.push(`${where}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
    };
    for (let r = 1; r <= original.rowCount; r++) {
      const s = expected.state.get(r);
      const source = generated.rows.find((x) => x.rowNumber === r);
      const listChanged =
        s !== undefined && source !== undefined && s.list.join(',') !== expand(source.designators).items.join(',');
      const want = new Map<number, unknown>();
      if (s && listChanged) {
        want.set(FIXTURE_COLUMNS.designators, s.list.length ? s.list.join(',') : null);
        want.set(FIXTURE_COLUMNS.quantity, s.list.length);
      }
      if (s?.topTouched) want.set(FIXTURE_COLUMNS.top, s.top.length ? s.top.join(',') : null);
      if (s?.bottomTouched) want.set(FIXTURE_COLUMNS.bottom, s.bottom.length ? s.bottom.join(',') : null);
      for (let c = 1; c <= cols; c++) {
        const cell = out.getCell(r, c);
        const where = `${cell.address}`;
        if (want.has(c)) changedCells++;
        check(where, want.has(c) ? plain(cell) : cell.value, want.has(c) ? want.get(c) : original.getCell(r, c).value);
        check(`${where} fill`, isHighlighted(cell), want.has(c));
      }
    }
    expect(mismatches).toEqual([]);
    expect(changedCells).toBeGreaterThan(50);
    expect(result.summary.rowsChanged).toBe(result.diff.length);
  });

  it('keeps formulas, merged ranges, column widths and the header in the copy', async () => {
    const wb = await readBook(result.workbook);
    const out = sheet(wb, '新BOM表');
    const headerRow = generated.headerRow;
    expect(rowValues(out, headerRow, cols)).toEqual([...FIXTURE_BOM_HEADERS]);
    const first = generated.rows[0]!;
    const formulaCell = out.getCell(first.rowNumber, FIXTURE_COLUMNS.formula);
    expect(formulaCell.formula).toBe(`E${first.rowNumber}&"-"&A${first.rowNumber}`);
    expect(plain(formulaCell)).toBe(`${first.materialCode}-${first.level}`);
    const widths = (name: string) => Array.from({ length: cols }, (_, c) => sheet(wb, name).getColumn(c + 1).width);
    expect(widths('新BOM表')).toEqual(widths('原表'));
    expect(out.model.merges).toEqual(sheet(wb, '原表').model.merges);
    expect(out.model.merges).toEqual(options.titleRows > 0 ? ['A1:Q1'] : []);
  });
});
