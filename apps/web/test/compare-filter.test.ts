import { describe, expect, it } from 'vitest';
import { EXPECTED_REVISION_COMPARISON } from '@arya/bom/fixtures';
import {
  changedFields,
  countMovedRows,
  filterRows,
  groupMoves,
  isFiltered,
  moveIndex,
  NO_FILTER,
  type CompareFilter,
} from '../src/pages/bom/compare-filter';

const { rows, moves } = EXPECTED_REVISION_COMPARISON;
const movesOf = moveIndex(moves);
const shown = (filter: Partial<CompareFilter>) =>
  filterRows(rows, movesOf, { ...NO_FILTER, ...filter }).map((r) => `${r.status} ${r.level}/${r.materialCode}`);

describe('compare table filters', () => {
  it('marks the rows a move touches: the designators that left one material and joined another', () => {
    expect(rows.map((r) => movesOf(r))).toEqual([
      { out: [], in: [] },
      {
        out: [
          { designator: 'C2', to: '500' },
          { designator: 'C3', to: '500' },
        ],
        in: [],
      },
      {
        out: [],
        in: [
          { designator: 'C2', from: '200' },
          { designator: 'C3', from: '200' },
        ],
      },
      { out: [], in: [] },
      { out: [], in: [] },
      { out: [], in: [] },
    ]);
    expect(groupMoves(moves)).toEqual([{ from: '200', to: '500', designators: ['C2', 'C3'] }]);
    expect(countMovedRows(rows, movesOf)).toBe(2);
  });

  it('filters by status, moves, material code part and whole designators', () => {
    expect(shown({})).toHaveLength(rows.length);
    expect(shown({ status: 'added' })).toEqual(['added 2/500', 'added 3/500', 'added 1/600']);
    expect(shown({ status: 'moved' })).toEqual(['removed 1/200', 'added 2/500']);
    expect(shown({ material: ' 50' })).toEqual(['added 2/500', 'added 3/500']);
    expect(shown({ designators: 'c3' })).toEqual(['removed 1/200', 'added 2/500']);
    // whole designators: R3 is not R30, and a list finds any of them
    expect(shown({ designators: 'R30' })).toEqual([]);
    expect(shown({ designators: 'r3, C9' })).toEqual(['changed 1/100', 'added 3/500']);
    expect(shown({ move: { from: '200', to: '500' } })).toEqual(['removed 1/200', 'added 2/500']);
    expect(shown({ status: 'changed', material: '4' })).toEqual(['changed 2/400']);
    expect(isFiltered(NO_FILTER)).toBe(false);
    expect(isFiltered({ ...NO_FILTER, designators: ' ' })).toBe(false);
    expect(isFiltered({ ...NO_FILTER, status: 'moved' })).toBe(true);
  });
});

describe('changed fields', () => {
  it('names what a changed row changed in: quantity, designators, description, any together', () => {
    expect(rows.map((r) => `${r.level}/${r.materialCode} ${changedFields(r).join(',')}`)).toEqual([
      '1/100 quantity,designators,description',
      '1/200 ',
      '2/500 ',
      '3/500 ',
      '2/400 description',
      '1/600 ',
    ]);
  });

  it('puts a change seen in no field down to the quantity (two non-numeric quantities are sent as null)', () => {
    const descriptionOnly = rows.find((r) => r.materialCode === '400')!;
    expect(changedFields({ ...descriptionOnly, oldDescription: undefined })).toEqual(['quantity']);
  });
});
