import { describe, expect, it } from 'vitest';
import { applyOperations, changeLogNote, inspectWorkbook, validateOpRows } from '../src/index';
import { BOM_HEADER, bomWorkbook, logRows, readBook, rowValues, sheet, workbook } from './helpers';

// 级别, 物料编码, 用量, A面位号, B面位号, 位号, 备注 — one material on three rows of the same level
const BOM = [
  [3, 'M1', 1, null, null, 'R1', null], // row 2
  [3, 'M1', 1, null, null, 'R2', null], // row 3
  [3, 'M1', 1, null, null, 'R3', null], // row 4
  [3, 'OTHER', 1, null, null, 'C1', null], // row 5
];
const OPS_WITH_ROW = ['级别', '物料编码', '操作类型', '位号', 'BOM行'];

/** The BOM with an 操作指示表 that has a BOM行 column. */
function bomWithPinnedOps(ops: (string | number | null)[][]): Uint8Array {
  return workbook([
    { name: '原表', rows: [BOM_HEADER, ...BOM.map((r) => [...r])] },
    { name: '操作指示表', rows: [OPS_WITH_ROW, ...ops] },
  ]);
}

describe('pinning an op to one BOM row (optional BOM行 column)', () => {
  it('applies to the named row of a material that is on several rows; without it the op stays ambiguous', async () => {
    const result = applyOperations(
      bomWithPinnedOps([
        [3, 'M1', 'add', 'R9', 3],
        [3, 'M1', 'add', 'R8', null],
      ]),
      { kind: 'sheet' },
    );
    expect(result.log.map((entry) => [entry.status, entry.bomRow])).toEqual([
      ['applied', 3],
      ['ambiguous', null],
    ]);
    expect(changeLogNote(result.log[1]!.notes, 'zh-CN')).toBe(
      '物料 M1（级别 3） 匹配到 3 行：2,3,4，未执行（可在「BOM行」列指定其中一行）',
    );
    const out = sheet(await readBook(result.workbook), '新BOM表');
    expect(rowValues(out, 3, 7)).toEqual([3, 'M1', 2, null, null, 'R2,R9', null]);
    expect(rowValues(out, 2, 7)).toEqual([3, 'M1', 1, null, null, 'R1', null]);
    expect(rowValues(out, 4, 7)).toEqual([3, 'M1', 1, null, null, 'R3', null]);
  });

  it('is not_found, saying so, when the named row holds another material or level', async () => {
    const result = applyOperations(
      bomWithPinnedOps([
        [null, 'M1', 'del', 'C1', 5],
        [4, 'M1', 'del', 'R2', 3],
        [null, 'M1', 'del', 'R1', 99],
      ]),
      { kind: 'sheet' },
    );
    expect(result.log.map((entry) => entry.status)).toEqual(['not_found', 'not_found', 'not_found']);
    expect(changeLogNote(result.log[0]!.notes, 'zh-CN')).toContain('BOM 第 5 行不是物料 M1');
    expect(changeLogNote(result.log[1]!.notes, 'zh-CN')).toContain('BOM 第 3 行不是物料 M1（级别 4）');
    const log = logRows(await readBook(result.workbook));
    expect(log[0]).toMatchObject({ 状态: '未找到' });
  });

  it('refuses a BOM行 that is not a positive whole number as invalid, before matching', () => {
    const result = applyOperations(
      bomWithPinnedOps([
        [3, 'M1', 'add', 'R9', 'three'],
        [3, 'M1', 'add', 'R9', 0],
        [3, 'M1', 'add', 'R9', 2.5],
      ]),
      { kind: 'sheet' },
    );
    expect(result.log.map((entry) => entry.status)).toEqual(['invalid', 'invalid', 'invalid']);
    expect(changeLogNote(result.log[0]!.notes, 'zh-CN')).toContain('BOM行不是正整数「three」');
  });

  it('detects the column in an ops sheet, and takes it from online rows as bomRow', () => {
    const inspected = inspectWorkbook(bomWithPinnedOps([[3, 'M1', 'add', 'R9', 2]]));
    expect(inspected.ops?.roles.bomRow?.header).toBe('BOM行');

    const online = applyOperations(bomWorkbook(BOM.map((r) => [...r])), {
      kind: 'rows',
      rows: [{ level: null, materialCode: 'M1', op: 'del', designators: 'R3', bomRow: 4 }],
    });
    expect(online.log[0]).toMatchObject({ status: 'applied', bomRow: 4, newDesignators: '' });
    expect(validateOpRows([{ materialCode: 'M1', op: 'add', designators: 'R1', bomRow: '-1' }])[0]?.problems).toEqual([
      { code: 'invalid_bom_row', value: '-1' },
    ]);
  });
});
