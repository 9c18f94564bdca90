import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateBomWorkbook } from '../src/fixtures/index';
import { applyOperations, inspectWorkbook, listMaterialRows } from '../src/index';
import { BOM_HEADER, bomWorkbook, workbook } from './helpers';

const paramsOf = (r: ReturnType<typeof inspectWorkbook>, code: string) =>
  r.warnings.filter((w) => w.code === code).map((w) => w.params);
const codes = (r: ReturnType<typeof inspectWorkbook>) => [...new Set(r.warnings.map((w) => w.code))].toSorted();

describe('inspectWorkbook: sheet and header detection', () => {
  it('uses 原表 when present, otherwise the first sheet', () => {
    const a = workbook([
      {
        name: 'Notes',
        rows: [
          ['物料编码', '位号'],
          [1, 'R1'],
        ],
      },
      {
        name: '原表',
        rows: [
          ['物料编码', '位号'],
          [1, 'R1'],
          [2, 'R2'],
        ],
      },
    ]);
    expect(inspectWorkbook(a).bom.sheet).toBe('原表');
    const b = workbook([
      {
        name: 'Export',
        rows: [
          ['物料编码', '位号'],
          [1, 'R1'],
        ],
      },
    ]);
    expect(inspectWorkbook(b).bom.sheet).toBe('Export');
  });

  it('finds the header below title rows, matching whole trimmed cells case-insensitively, leftmost per role', () => {
    const bytes = workbook([
      {
        name: 'BOM',
        rows: [
          ['BOM export — Part Number list'],
          ['generated 2026-01-01'],
          [' part number ', 'Material Description', 'REFDES', 'Designators', 'qty', 'A面位号', 'B面位号', 'LEVEL'],
          ['100', 'x', 'R1,R2', 'ignored', 2, 'R1', 'R2', 1],
        ],
      },
    ]);
    const r = inspectWorkbook(bytes);
    expect(r.bom.headerRow).toBe(3);
    expect(r.bom.roles).toEqual({
      materialCode: { column: 'A', header: ' part number ' },
      designators: { column: 'C', header: 'REFDES' },
      quantity: { column: 'E', header: 'qty' },
      topDesignators: { column: 'F', header: 'A面位号' },
      bottomDesignators: { column: 'G', header: 'B面位号' },
      level: { column: 'H', header: 'LEVEL' },
    });
    expect(r.bom.dataRowCount).toBe(1);
  });

  it('gives no_header when no material-code header is in the first 10 rows, missing_column when 位号 is absent', () => {
    const late = workbook([
      { name: 'S', rows: [...Array.from({ length: 10 }, () => ['title']), ['物料编码', '位号']] },
    ]);
    expect(() => inspectWorkbook(late)).toThrow(expect.objectContaining({ code: 'no_header' }));
    const substring = workbook([{ name: 'S', rows: [['物料编码（新）', '位号']] }]);
    expect(() => inspectWorkbook(substring)).toThrow(expect.objectContaining({ code: 'no_header' }));
    const noDesignators = workbook([
      {
        name: 'S',
        rows: [
          ['物料编码', '数量'],
          [1, 2],
        ],
      },
    ]);
    expect(() => inspectWorkbook(noDesignators)).toThrow(
      expect.objectContaining({
        code: 'missing_column',
        params: { sheet: 'S', column: expect.stringContaining('位号') },
      }),
    );
  });
});

describe('inspectWorkbook: preview and warnings', () => {
  it('previews the first rows as plain values by column', () => {
    const r = inspectWorkbook(bomWorkbook([[3, 80218559, 2, 'R1', null, 'R1,R2', 'note']]));
    expect(r.bom.preview).toEqual([{ rowNumber: 2, values: [3, 80218559, 2, 'R1', null, 'R1,R2', 'note'] }]);
    expect(r.bom.headers.map((h) => h.header)).toEqual([...BOM_HEADER]);
  });

  it('pads short preview rows to the header width', () => {
    const r = inspectWorkbook(bomWorkbook([[1, 'A']]));
    expect(r.bom.preview).toEqual([{ rowNumber: 2, values: [1, 'A', null, null, null, null, null] }]);
  });

  it('limits the preview to 100 rows by default', () => {
    const { bom } = generateBomWorkbook({ rows: 150, opsCount: 5 });
    const r = inspectWorkbook(bom);
    expect(r.bom.preview).toHaveLength(100);
    expect(r.bom.dataRowCount).toBe(150);
  });

  it('warns of quantity mismatches, duplicate designators, side designators not in 位号, malformed BOM ranges', () => {
    const r = inspectWorkbook(
      bomWorkbook([
        [1, 'A', 3, null, null, 'R1,R2', null], // quantity 3 ≠ 2
        [1, 'B', 1, null, null, 'R2', null], // R2 on two rows
        [1, 'C', 2, 'C9', null, 'C1,C1', null], // C1 twice in one row; C9 not in 位号
        [1, 'D', 1, null, null, 'U5-U1', null], // malformed range
        [1, 'E', 1, null, null, null, null], // no designators: quantity not checked
      ]),
    );
    expect(codes(r)).toEqual([
      'duplicate_designator',
      'malformed_range_in_bom',
      'quantity_mismatch',
      'side_designator_missing',
    ]);
    expect(paramsOf(r, 'quantity_mismatch')).toEqual([{ row: 2, materialCode: 'A', quantity: 3, count: 2 }]);
    expect(paramsOf(r, 'duplicate_designator')).toEqual([
      { designator: 'R2', rows: [2, 3] },
      { designator: 'C1', rows: [4, 4] },
    ]);
    expect(paramsOf(r, 'side_designator_missing')).toEqual([{ row: 4, side: 'A', designator: 'C9' }]);
    expect(r.warningsTotal).toBe(5);
    expect(r.warningCounts).toEqual({
      duplicate_designator: 2,
      malformed_range_in_bom: 1,
      quantity_mismatch: 1,
      side_designator_missing: 1,
    });
  });

  it('inspects the workbook’s own 操作指示表 and warns about op designators that are not on the BOM', () => {
    const r = inspectWorkbook(bomWorkbook([[1, 'A', 1, null, null, 'R1', null]], [[null, 'A', 'del', 'R1,R7', null]]));
    expect(r.ops).toMatchObject({ sheet: '操作指示表', headerRow: 1, dataRowCount: 1 });
    expect(r.ops?.roles.op).toEqual({ column: 'C', header: '操作类型' });
    expect(r.ops?.warnings.map((w) => w.params)).toEqual([{ opRow: 2, designators: ['R7'] }]);
    expect(inspectWorkbook(bomWorkbook([[1, 'A', 1, null, null, 'R1', null]])).ops).toBeNull();
  });

  it('lists every op the run will skip (invalid, not_found, ambiguous) with code, op, designators, reason', () => {
    const bom = [
      [1, 'A', 1, null, null, 'R1', null],
      [1, 'B', 1, null, null, 'R2', null],
      [1, 'B', 1, null, null, 'R3', null],
    ];
    const ops = [
      [null, 'A', 'modify', 'R1', null],
      [null, 'A', 'add', 'R9', null],
      [null, 'Z', 'del', 'R1', null],
      [null, 'B', 'del', 'R2', null],
      [null, null, 'add', 'R4', null],
    ];
    const r = inspectWorkbook(bomWorkbook(bom, ops));
    expect(r.ops?.skippedOpsTotal).toBe(4);
    expect(r.ops?.skippedOpCounts).toEqual({ invalid: 2, not_found: 1, ambiguous: 1 });
    expect(r.ops?.skippedOps).toEqual([
      {
        opRow: 2,
        status: 'invalid',
        materialCode: 'A',
        op: 'modify',
        designators: 'R1',
        reasons: [{ code: 'problem', params: { code: 'invalid_op_type', value: 'modify' } }],
      },
      {
        opRow: 4,
        status: 'not_found',
        materialCode: 'Z',
        op: 'del',
        designators: 'R1',
        reasons: [{ code: 'no_such_material', params: { materialCode: 'Z', level: null } }],
      },
      {
        opRow: 5,
        status: 'ambiguous',
        materialCode: 'B',
        op: 'del',
        designators: 'R2',
        reasons: [{ code: 'several_rows', params: { materialCode: 'B', level: null, rows: [3, 4] } }],
      },
      {
        opRow: 6,
        status: 'invalid',
        materialCode: null,
        op: 'add',
        designators: 'R4',
        reasons: [{ code: 'problem', params: { code: 'empty_material_code' } }],
      },
    ]);
    // the list is capped like the warnings; the total and the counts stay exact
    const capped = inspectWorkbook(bomWorkbook(bom, ops), { maxWarnings: 1 });
    expect(capped.ops?.skippedOps.map((op) => op.opRow)).toEqual([2]);
    expect(capped.ops?.skippedOpsTotal).toBe(4);
  });

  it('tells of the sample’s two modify ops and its unknown material before the run, as the run logs them', () => {
    const bytes = new Uint8Array(
      readFileSync(join(import.meta.dirname, '..', '..', '..', 'examples', 'sample-bom.xlsx')),
    );
    const skipped = inspectWorkbook(bytes).ops?.skippedOps ?? [];
    const { log } = applyOperations(bytes, { kind: 'sheet' });
    const notRun = log.filter((e) => e.status === 'invalid' || e.status === 'not_found' || e.status === 'ambiguous');
    expect(skipped.map((op) => [op.opRow, op.status, op.op])).toEqual([
      [3, 'not_found', 'del'],
      [4, 'invalid', 'modify'],
      [7, 'invalid', 'modify'],
    ]);
    expect(skipped.map((op) => [op.opRow, op.materialCode, op.designators, op.reasons])).toEqual(
      notRun.map((e) => [e.seq, e.materialCode, e.designators, e.notes]),
    );
  });
});

describe('listMaterialRows', () => {
  it('lists every row with a material code, with its level, quantity and designators, past any preview length', () => {
    const rows = Array.from({ length: 150 }, (_, i) => [
      i % 2 === 0 ? 3 : null,
      i === 7 ? null : `M${i % 40}`,
      i === 148 ? 'n/a' : 1,
      null,
      null,
      `R${i}`,
      null,
    ]);
    const listed = listMaterialRows(bomWorkbook(rows));
    expect(listed).toHaveLength(149);
    expect(listed[0]).toEqual({ rowNumber: 2, materialCode: 'M0', level: 3, quantity: 1, designators: ['R0'] });
    expect(listed.at(-1)).toEqual({
      rowNumber: 151,
      materialCode: 'M29',
      level: null,
      quantity: 1,
      designators: ['R149'],
    });
    expect(listed.at(-2)?.quantity).toBeNull();
    expect(listed.filter((row) => row.materialCode === 'M1').map((row) => row.rowNumber)).toEqual([3, 43, 83, 123]);
  });
});
