import { describe, expect, it } from 'vitest';
import { applyOperations, buildTemplate, CHANGE_LOG_HEADERS } from '../src/index';
import { TEMPLATE_BOM_HEADERS, TEMPLATE_OPS_HEADERS } from '../src/template';
import { bomWorkbook, isHighlighted, logRows, readBook, rowValues, sheet, unzipText, workbook } from './helpers';

// 级别, 物料编码, 用量, A面位号, B面位号, 位号, 备注
const BOM = [
  [3, 80218559, 2, 'R1', 'R2', 'R1,R2', 'keep me'], // row 2
  [3, 80218561, 5, null, null, 'C1,C2', null], // row 3: quantity inconsistent on purpose
  [4, '00123', 1, null, null, 'U1', null], // row 4
  [2, 'DUP', 1, null, null, 'D1', null], // row 5
  [3, 'DUP', 1, null, null, 'D2', null], // row 6
  [null, 'NOLEVEL', 1, null, null, 'L1', null], // row 7
  [1, 'EMPTY', null, null, null, null, null], // row 8
] as const;

async function run(ops: (string | number | null)[][], bom: (string | number | null)[][] = BOM.map((r) => [...r])) {
  const result = applyOperations(bomWorkbook(bom, ops), { kind: 'sheet' });
  const wb = await readBook(result.workbook);
  return { result, wb, out: sheet(wb, '新BOM表'), log: logRows(wb) };
}

describe('applyOperations: written cells', () => {
  it('add appends in request order, writes "," joined list and the new count, and fills only those cells', async () => {
    const { out, result } = await run([[null, 80218561, 'add', 'C4 c3,C1', null]]);
    expect(rowValues(out, 3, 7)).toEqual([3, 80218561, 4, null, null, 'C1,C2,C4,C3', null]);
    expect(isHighlighted(out.getCell('F3'))).toBe(true);
    expect(isHighlighted(out.getCell('C3'))).toBe(true);
    expect(['A3', 'B3', 'D3', 'E3', 'G3', 'F2', 'C2'].filter((ref) => isHighlighted(out.getCell(ref)))).toEqual([]);
    expect(result.log[0]).toMatchObject({
      status: 'partial',
      designators: 'C4,C3,C1',
      oldDesignators: 'C1,C2',
      newDesignators: 'C1,C2,C4,C3',
      oldQuantity: 5,
      newQuantity: 4,
    });
  });

  it('del removes from 位号 and the side lists; a side cell is written only when something left it', async () => {
    const { out } = await run([[3, 80218559, 'del', 'R2', null]]);
    expect(rowValues(out, 2, 7)).toEqual([3, 80218559, 1, 'R1', null, 'R1', 'keep me']);
    expect(isHighlighted(out.getCell('E2'))).toBe(true); // B面位号 lost R2 → written empty
    expect(isHighlighted(out.getCell('D2'))).toBe(false); // A面位号 untouched
  });

  it('an emptied list is written as an empty cell and the quantity as 0', async () => {
    const { out } = await run([[null, '00123', 'del', 'U1', null]]);
    expect(out.getCell('F4').value).toBeNull();
    expect(out.getCell('C4').value).toBe(0);
    expect(isHighlighted(out.getCell('F4'))).toBe(true);
  });

  it('rows whose 位号 did not change keep every cell exactly, even an inconsistent quantity', async () => {
    const { out, result } = await run([[null, 80218561, 'del', 'C9', null]]);
    expect(rowValues(out, 3, 7)).toEqual([3, 80218561, 5, null, null, 'C1,C2', null]);
    expect(isHighlighted(out.getCell('C3'))).toBe(false);
    expect(result.log[0]).toMatchObject({
      status: 'unchanged',
      oldDesignators: 'C1,C2',
      newDesignators: 'C1,C2',
      oldQuantity: 5,
      newQuantity: 5,
    });
    expect(result.summary.rowsChanged).toBe(0);
  });

  it('creates a missing 位号/用量 cell in column order when a row had none', async () => {
    const { out, result } = await run([[1, 'EMPTY', 'add', 'X1,X2', null]]);
    expect(rowValues(out, 8, 7)).toEqual([1, 'EMPTY', 2, null, null, 'X1,X2', null]);
    expect(isHighlighted(out.getCell('F8'))).toBe(true);
    expect(result.log[0]).toMatchObject({
      status: 'applied',
      oldDesignators: '',
      newDesignators: 'X1,X2',
      oldQuantity: null,
      newQuantity: 2,
    });
  });
});

describe('applyOperations: cells inserted next to rewritten ones', () => {
  it('inserts a missing 用量 cell before a side cell rewritten too, each cell once and in column order', async () => {
    const { out, result } = await run([[3, 'Q', 'del', 'R1', null]], [[3, 'Q', null, 'R1', null, 'R1,R2', null]]);
    expect(rowValues(out, 2, 7)).toEqual([3, 'Q', 1, null, null, 'R2', null]);
    const sheetXml = unzipText(result.workbook).get('xl/worksheets/sheet3.xml')!; // 新BOM表
    const row = /<row r="2".*?<\/row>/.exec(sheetXml)![0];
    expect([...row.matchAll(/<c r="([A-Z]+)2"/g)].map((m) => m[1])).toEqual(['A', 'B', 'C', 'D', 'F']);
  });
});

describe('applyOperations: matching and statuses', () => {
  it('matches numeric and text material codes by integer text, keeps leading zeros significant', async () => {
    const { result } = await run([
      [null, '80218559', 'add', 'R3', null],
      [null, 123, 'add', 'U2', null],
      [null, '00123', 'add', 'U2', null],
    ]);
    expect(result.log.map((e) => e.status)).toEqual(['applied', 'not_found', 'applied']);
  });

  it('uses the level when given; a row without a level never matches an op with a level', async () => {
    const { result } = await run([
      [2, 'DUP', 'add', 'D9', null],
      [null, 'DUP', 'add', 'D9', null],
      [1, 'NOLEVEL', 'add', 'L2', null],
      [null, 'NOLEVEL', 'add', 'L2', null],
      ['3.0', 80218561, 'add', 'C7', null],
    ]);
    expect(result.log.map((e) => [e.status, e.bomRow])).toEqual([
      ['applied', 5],
      ['ambiguous', null],
      ['not_found', null],
      ['applied', 7],
      ['applied', 3],
    ]);
  });

  it('applies ops in order on an evolving copy', async () => {
    const { result, out } = await run([
      [null, 80218561, 'add', 'C3', null],
      [null, 80218561, 'del', 'C1,C3', null],
      [null, 80218561, 'add', 'C3', null],
    ]);
    expect(result.log.map((e) => [e.status, e.oldDesignators, e.newDesignators])).toEqual([
      ['applied', 'C1,C2', 'C1,C2,C3'],
      ['applied', 'C1,C2,C3', 'C2'],
      ['applied', 'C2', 'C2,C3'],
    ]);
    expect(out.getCell('F3').value).toBe('C2,C3');
    expect(out.getCell('C3').value).toBe(2);
  });

  it('invalid ops are not matched and log the raw op text; blank rows are skipped, keeping row numbers', async () => {
    const { result, log } = await run([
      [null, 80218561, ' Swap ', 'C1', null],
      [null, null, null, null, 'just a note'],
      [null, 80218561, 'del', 'C2-C1', null],
      [null, null, 'add', 'C1', null],
      [null, 80218561, 'del', '', null],
    ]);
    expect(result.log.map((e) => [e.seq, e.op, e.status])).toEqual([
      [2, 'Swap', 'invalid'],
      [4, 'del', 'invalid'],
      [5, 'add', 'invalid'],
      [6, 'del', 'invalid'],
    ]);
    for (const row of log)
      expect([row['BOM行'], row['原位号'], row['新位号'], row['原用量'], row['新用量']]).toEqual([
        null,
        null,
        null,
        null,
        null,
      ]);
    expect(result.summary.counts.invalid).toBe(4);
  });

  it('a designator listed twice counts once', async () => {
    const { result } = await run([[null, 80218561, 'del', 'C1,c1', null]]);
    expect(result.log[0]).toMatchObject({ status: 'applied', designators: 'C1', newDesignators: 'C2' });
  });
});

describe('变更日志', () => {
  it('has exactly the specified header and one row per logged op with typed cells', async () => {
    const { wb, log } = await run([
      [3, 80218559, 'DEL', 'R1', null],
      [null, 'NOPE', 'add', 'R1', null],
      [null, 'DUP', 'del', 'D1', null],
    ]);
    expect(rowValues(sheet(wb, '变更日志'), 1, 12)).toEqual([...CHANGE_LOG_HEADERS]);
    expect(log[0]).toMatchObject({
      序号: 2,
      级别: 3,
      物料编码: 80218559,
      操作类型: 'del',
      位号: 'R1',
      状态: '已应用',
      BOM行: 2,
      原位号: 'R1,R2',
      新位号: 'R2',
      原用量: 2,
      新用量: 1,
    });
    expect(String(log[0]!['说明'])).toContain('已删除 R1');
    expect(log[1]).toMatchObject({ 序号: 3, 物料编码: 'NOPE', 状态: '未找到', BOM行: null });
    expect(log[2]).toMatchObject({ 序号: 4, 状态: '匹配多行', BOM行: null });
    expect(String(log[2]!['说明'])).toContain('5,6');
  });
});

describe('applyOperations: ops sources', () => {
  const ops = [
    [null, 80218561, 'add', 'C3', null],
    [null, 'DUP', 'del', 'D1', null],
  ];
  it('a separate ops workbook (first sheet) wins over the BOM workbook’s 操作指示表', () => {
    const separate = workbook([
      {
        name: 'Whatever',
        rows: [
          ['物料编码', '操作', '位号'],
          [80218559, 'del', 'R2'],
        ],
      },
    ]);
    const result = applyOperations(
      bomWorkbook(
        BOM.map((r) => [...r]),
        ops,
      ),
      { kind: 'workbook', bytes: separate },
    );
    expect(result.log).toHaveLength(1);
    expect(result.log[0]).toMatchObject({ seq: 2, materialCode: 80218559, status: 'applied' });
    expect(result.summary.opsSheet).toBe('Whatever');
  });
  it('a filled-in template as the ops workbook is read from its 操作指示表, not its first sheet (原表)', async () => {
    // The template's order: 原表 (left empty when it only carries operations), 操作指示表, 说明.
    expect((await readBook(buildTemplate())).worksheets.map((w) => w.name)).toEqual(['原表', '操作指示表', '说明']);
    const filledTemplate = workbook([
      { name: '原表', rows: [[...TEMPLATE_BOM_HEADERS]] },
      { name: '操作指示表', rows: [[...TEMPLATE_OPS_HEADERS], [null, 80218559, 'del', 'R2', null, null]] },
      { name: '说明', rows: [['说明']] },
    ]);
    const result = applyOperations(bomWorkbook(BOM.map((r) => [...r])), { kind: 'workbook', bytes: filledTemplate });
    expect(result.summary.opsSheet).toBe('操作指示表');
    expect(result.log).toHaveLength(1);
    expect(result.log[0]).toMatchObject({ materialCode: 80218559, status: 'applied' });
  });
  it('online rows give the same log as the same ops in a sheet', () => {
    const bytes = bomWorkbook(
      BOM.map((r) => [...r]),
      ops,
    );
    const fromSheet = applyOperations(bytes, { kind: 'sheet' });
    const fromRows = applyOperations(bytes, {
      kind: 'rows',
      rows: ops.map(([level, materialCode, op, designators]) => ({
        level,
        materialCode: materialCode ?? '',
        op: String(op),
        designators: String(designators),
      })),
    });
    expect(fromRows.log).toEqual(fromSheet.log);
  });
  it('needs an 操作指示表 when no other source is given', () => {
    expect(() => applyOperations(bomWorkbook(BOM.map((r) => [...r])), { kind: 'sheet' })).toThrow(
      expect.objectContaining({ code: 'no_ops_sheet' }),
    );
  });
  it('reports progress per phase', () => {
    const phases: string[] = [];
    applyOperations(
      bomWorkbook(
        BOM.map((r) => [...r]),
        ops,
      ),
      { kind: 'sheet' },
      { onProgress: (phase, pct) => pct === 100 && phases.push(phase) },
    );
    expect(phases).toEqual(['read', 'apply', 'write']);
  });
});

describe('applyOperations: diff and summary', () => {
  it('lists changed rows with before/after designators and quantities', () => {
    const result = applyOperations(
      bomWorkbook(
        BOM.map((r) => [...r]),
        [
          [3, 80218559, 'del', 'R2', null],
          [null, 80218561, 'add', 'C3', null],
        ],
      ),
      { kind: 'sheet' },
    );
    expect(result.diff).toEqual([
      {
        bomRow: 2,
        materialCode: '80218559',
        before: ['R1', 'R2'],
        after: ['R1'],
        added: [],
        removed: ['R2'],
        quantityBefore: 2,
        quantityAfter: 1,
        bottomBefore: ['R2'],
        bottomAfter: [],
      },
      {
        bomRow: 3,
        materialCode: '80218561',
        before: ['C1', 'C2'],
        after: ['C1', 'C2', 'C3'],
        added: ['C3'],
        removed: [],
        quantityBefore: 5,
        quantityAfter: 3,
      },
    ]);
    expect(result.summary).toMatchObject({
      bomSheet: '原表',
      opsSheet: '操作指示表',
      headerRow: 1,
      opsTotal: 2,
      rowsChanged: 2,
    });
    expect(result.summary.counts).toEqual({
      applied: 2,
      partial: 0,
      unchanged: 0,
      not_found: 0,
      ambiguous: 0,
      invalid: 0,
    });
    expect(result.summary.warnings.map((w) => w.code)).toContain('quantity_mismatch');
  });
});
