import { describe, expect, it } from 'vitest';
import { EXPECTED_REVISION_COMPARISON, generateBomWorkbook, revisionWorkbooks } from '../src/fixtures/index';
import { applyOperations, compareBoms, compareBomWorkbooks, type BomComparison } from '../src/index';
import { naturalCompare } from '../src/natural-order';
import { workbook, type Row } from './helpers';

const HEADER = ['级别', '物料编码', '物料描述', '用量', 'A面位号', 'B面位号', '位号'] as const;

/** A BOM workbook with one sheet (header on row 1, data from row 2). */
function bom(rows: Row[], options: { name?: string; header?: readonly string[] } = {}): Uint8Array {
  return workbook([{ name: options.name ?? '原表', rows: [options.header ?? HEADER, ...rows] }]);
}

/** Every added row becomes removed and the other way round; moves and description changes turn around. */
function swapped(c: BomComparison) {
  const status = { added: 'removed', removed: 'added', changed: 'changed', unchanged: 'unchanged' } as const;
  return {
    summary: {
      ...c.summary,
      added: c.summary.removed,
      removed: c.summary.added,
      designatorsAdded: c.summary.designatorsRemoved,
      designatorsRemoved: c.summary.designatorsAdded,
    },
    rows: c.rows.map(({ oldDescription, ...r }) => ({
      ...r,
      ...(oldDescription === undefined ? {} : { description: oldDescription, oldDescription: r.description }),
      status: status[r.status],
      oldQty: r.newQty,
      newQty: r.oldQty,
      oldRow: r.newRow,
      newRow: r.oldRow,
      addedDesignators: r.removedDesignators,
      removedDesignators: r.addedDesignators,
    })),
    moves: c.moves.map((m) => ({ ...m, fromMaterial: m.toMaterial, toMaterial: m.fromMaterial })),
  };
}

/** Rows in a fixed order. */
const byMaterial = (c: Pick<BomComparison, 'rows'>) =>
  c.rows.toSorted((a, b) => `${a.materialCode}/${a.oldRow}`.localeCompare(`${b.materialCode}/${b.oldRow}`));

describe('compareBoms', () => {
  it('lists added, removed and changed rows in the new order, the removed one after its old predecessor', () => {
    const revisions = revisionWorkbooks();
    expect(compareBoms(revisions.old, revisions.new)).toEqual(EXPECTED_REVISION_COMPARISON);
  });

  it('matches a repeated (级别, 物料编码) pair occurrence by occurrence, in order of appearance', () => {
    const old = bom([
      [1, 'A', null, 1, null, null, 'R1'],
      [1, 'B', null, 1, null, null, 'R5'],
      [1, 'A', null, 1, null, null, 'R2'],
      [2, 'A', null, 1, null, null, 'R9'],
    ]);
    const next = bom([
      [1, 'A', null, 1, null, null, 'R1'],
      [1, 'A', null, 1, null, null, 'R3'],
      [1, 'A', null, 1, null, null, 'R4'],
      [2, 'A', null, 1, null, null, 'R9'],
    ]);
    const c = compareBoms(old, next);
    expect(
      c.rows.map((r) => [r.status, r.materialCode, r.oldRow, r.newRow, r.addedDesignators, r.removedDesignators]),
    ).toEqual([
      ['removed', 'B', 3, null, [], ['R5']],
      ['changed', 'A', 4, 3, ['R3'], ['R2']],
      ['added', 'A', null, 4, ['R4'], []],
    ]);
    expect(c.summary).toMatchObject({ added: 1, removed: 1, changed: 1, unchanged: 2, moved: 0 });
    // R2 → R3 stays on material A: not a move; R5 leaves B for no other material
    expect(c.moves).toEqual([]);
  });

  it('compares designators as sets: ranges expanded, case and separators ignored, 位号 and A/B sides together', () => {
    const old = bom([
      [1, 100, null, 4, 'R1', 'R4', 'R1-R3'],
      [1, 200, null, 1, null, null, 'R10'],
      [1, 300, null, 2, null, null, 'C8~C9'],
    ]);
    const next = bom([
      [1, 100, null, '4', null, 'R4', 'r3，R2 r1'],
      [1, 200, null, 1, 'R10 R11', null, 'R10'],
      [1, 300, null, 2, null, null, 'C2,C9,C10'],
    ]);
    const c = compareBoms(old, next);
    expect(c.rows.map((r) => [r.materialCode, r.addedDesignators, r.removedDesignators])).toEqual([
      ['200', ['R11'], []],
      ['300', ['C2', 'C10'], ['C8']],
    ]);
    expect(c.summary).toEqual({
      added: 0,
      removed: 0,
      changed: 2,
      unchanged: 1,
      designatorsAdded: 3,
      designatorsRemoved: 1,
      moved: 0,
    });
  });

  it('reports a designator that changes material once as a move, and keeps it in both rows', () => {
    const old = bom([
      [1, 'OLD-RES', null, 2, null, null, 'R1,R2'],
      [1, 'CAP', null, 1, null, null, 'C1'],
    ]);
    const next = bom([
      [1, 'OLD-RES', null, 1, null, null, 'R1'],
      [1, 'CAP', null, 1, null, null, 'C1'],
      [1, 'NEW-RES', null, 1, 'R2', null, null],
    ]);
    const c = compareBoms(old, next);
    expect(c.moves).toEqual([{ designator: 'R2', fromMaterial: 'OLD-RES', toMaterial: 'NEW-RES' }]);
    expect(c.rows.find((r) => r.materialCode === 'OLD-RES')?.removedDesignators).toEqual(['R2']);
    expect(c.rows.find((r) => r.materialCode === 'NEW-RES')?.addedDesignators).toEqual(['R2']);
    expect(c.summary).toMatchObject({ designatorsAdded: 1, designatorsRemoved: 1, moved: 1 });
  });

  it('compares quantities as numbers, only when both sheets have the column', () => {
    const old = bom([[1, 100, 'x', '2', null, null, 'R1,R2']]);
    expect(compareBoms(old, bom([[1, 100, 'x', 2, null, null, 'R1,R2']])).summary.unchanged).toBe(1);
    const noQuantity = bom([[1, 100, 'x', null, null, 'R1,R2']], {
      header: ['级别', '物料编码', '物料描述', 'A面位号', 'B面位号', '位号'],
    });
    const c = compareBoms(old, noQuantity);
    expect(c.summary.unchanged).toBe(1);
    expect(compareBoms(noQuantity, bom([[1, 100, 'x', 5, null, null, 'R2,R1']])).summary.unchanged).toBe(1);
  });

  it('gives the old description of a changed row whose description changed, whatever else changed too', () => {
    const old = bom([
      [1, 'QTY', 'Resistor', 1, null, null, 'R1'],
      [1, 'DES', 'Capacitor', 1, null, null, 'C1'],
      [1, 'BOTH', 'Inductor', 1, null, null, 'L1'],
      [1, 'ONLY', null, 1, null, null, 'U1'],
      [1, 'SAME', 'Diode', 1, null, null, 'D1'],
      [1, 'GONE', 'Fuse', 1, null, null, 'F1'],
      [1, 'BLANKED', 'Crystal', 1, null, null, 'Y1'],
    ]);
    const next = bom([
      [1, 'QTY', 'Resistor 10k', 2, null, null, 'R1'],
      [1, 'DES', 'Capacitor 1uF', 1, null, null, 'C1,C2'],
      [1, 'BOTH', 'Inductor 2.2uH', 3, null, null, 'L2'],
      [1, 'ONLY', 'Regulator', 1, null, null, 'U1'],
      [1, 'SAME', 'Diode', 2, null, null, 'D1'],
      [1, 'NEW', 'Fan', 1, null, null, 'M1'],
      [1, 'BLANKED', null, 1, null, null, 'Y1'],
    ]);
    const c = compareBoms(old, next);
    const described = Object.fromEntries(
      c.rows.map((r) => [r.materialCode, { description: r.description, oldDescription: r.oldDescription }]),
    );
    expect(described).toEqual({
      QTY: { description: 'Resistor 10k', oldDescription: 'Resistor' },
      DES: { description: 'Capacitor 1uF', oldDescription: 'Capacitor' },
      BOTH: { description: 'Inductor 2.2uH', oldDescription: 'Inductor' },
      // blank before: null, still present (the description changed)
      ONLY: { description: 'Regulator', oldDescription: null },
      // blank now: the row shows blank, not the old description
      BLANKED: { description: null, oldDescription: 'Crystal' },
      // the description stayed; added and removed rows have one side only
      SAME: { description: 'Diode', oldDescription: undefined },
      GONE: { description: 'Fuse', oldDescription: undefined },
      NEW: { description: 'Fan', oldDescription: undefined },
    });
    expect(c.rows.filter((r) => 'oldDescription' in r).map((r) => r.materialCode)).toEqual([
      'QTY',
      'DES',
      'BOTH',
      'ONLY',
      'BLANKED',
    ]);
    // a sheet without the description column changes no description
    const undescribed = bom([[1, 'QTY', 1, null, null, 'R1']], {
      header: ['级别', '物料编码', '用量', 'A面位号', 'B面位号', '位号'],
    });
    const rows = compareBoms(undescribed, next).rows.filter((r) => r.materialCode === 'QTY');
    expect(rows.map((r) => [r.status, 'oldDescription' in r])).toEqual([['changed', false]]);
  });

  it('orders designator lists naturally (R2 before R10) and keeps an unexpandable range as written', () => {
    const c = compareBoms(
      bom([[1, 1, null, 1, null, null, 'R1']]),
      bom([[1, 1, null, 1, null, null, 'R10,R2,R1,R5-R3,r02']]),
    );
    expect(c.rows[0]?.addedDesignators).toEqual(['R02', 'R2', 'R5-R3', 'R10']);
    expect(['R10', 'R2', 'C1', 'R1A', 'R1', 'R01'].toSorted(naturalCompare)).toEqual([
      'C1',
      'R01',
      'R1',
      'R1A',
      'R2',
      'R10',
    ]);
  });

  it('compares a workbook with itself as all unchanged', () => {
    const { bom: generated, rows } = generateBomWorkbook({ rows: 300, seed: 15 });
    const c = compareBoms(generated, generated);
    expect(c).toEqual({
      summary: {
        added: 0,
        removed: 0,
        changed: 0,
        unchanged: rows.length,
        designatorsAdded: 0,
        designatorsRemoved: 0,
        moved: 0,
      },
      rows: [],
      moves: [],
    });
  });

  describe('an Arya result against its input', () => {
    const generated = generateBomWorkbook({ rows: 400, opsCount: 60, seed: 7 });
    const applied = applyOperations(generated.bom, { kind: 'sheet' });

    it('compares the result on 新BOM表 and finds exactly the rows the run changed', () => {
      const result = compareBomWorkbooks(generated.bom, applied.workbook);
      expect([result.oldSheet, result.newSheet]).toEqual(['原表', '新BOM表']);
      const { comparison } = result;
      expect(comparison.summary.added + comparison.summary.removed).toBe(0);
      const changedRows = applied.diff.filter((d) => d.added.length + d.removed.length > 0);
      expect(comparison.rows.map((r) => r.oldRow)).toEqual(changedRows.map((d) => d.bomRow));
      for (const [i, d] of changedRows.entries()) {
        expect(comparison.rows[i]).toMatchObject({
          status: 'changed',
          oldRow: d.bomRow,
          newRow: d.bomRow,
          materialCode: d.materialCode,
          addedDesignators: d.added.toSorted(naturalCompare),
          removedDesignators: d.removed.toSorted(naturalCompare),
        });
      }
    });

    it('gives added ↔ removed when old and new are swapped', () => {
      const other = generateBomWorkbook({ rows: 400, opsCount: 60, seed: 8 });
      const revisions = revisionWorkbooks();
      for (const [a, b] of [
        [revisions.old, revisions.new],
        [generated.bom, applied.workbook],
        [generated.bom, other.bom],
      ] as const) {
        const forward = compareBoms(a, b);
        const backward = compareBoms(b, a);
        expect(forward.summary.added + forward.summary.removed + forward.summary.changed).toBeGreaterThan(0);
        const turned = swapped(forward);
        expect(backward.summary).toEqual(turned.summary);
        expect(byMaterial(backward)).toEqual(byMaterial(turned));
        expect(backward.moves).toEqual(turned.moves);
      }
    });

    it('compares the sheet asked for in both workbooks', () => {
      expect(compareBoms(generated.bom, applied.workbook, { sheet: '原表' }).rows).toEqual([]);
      expect(() => compareBoms(generated.bom, applied.workbook, { sheet: '新BOM表' })).toThrow(
        expect.objectContaining({
          code: 'no_sheet',
          side: 'old',
          params: { sheet: '新BOM表', sheets: ['原表', '操作指示表'] },
        }),
      );
    });
  });

  it('refuses an unusable workbook naming which side it is', () => {
    const good = bom([[1, 1, null, 1, null, null, 'R1']]);
    expect(() => compareBoms(good, new TextEncoder().encode('not a workbook'))).toThrow(
      expect.objectContaining({ code: 'not_xlsx', side: 'new' }),
    );
    const noDesignators = workbook([
      {
        name: 'S',
        rows: [
          ['物料编码', '数量'],
          [1, 2],
        ],
      },
    ]);
    expect(() => compareBoms(noDesignators, good)).toThrow(
      expect.objectContaining({ code: 'missing_column', side: 'old' }),
    );
  });
});
