import { describe, expect, it } from 'vitest';
import { warningKinds, type Warning } from '../src/pages/bom/warning-kinds';

const repeated: Warning = { code: 'duplicate_designator', params: { designator: 'R1', rows: [2, 3] } };
const mismatch: Warning = {
  code: 'quantity_mismatch',
  params: { row: 2, materialCode: 'M1', quantity: 2, count: 1 },
};

describe('warningKinds', () => {
  it('counts the listed warnings by kind, in the engine’s order', () => {
    expect(warningKinds([repeated, mismatch, repeated], undefined)).toEqual([
      { code: 'quantity_mismatch', count: 1 },
      { code: 'duplicate_designator', count: 2 },
    ]);
  });

  it('takes the engine’s exact counts when the list was cut short', () => {
    expect(warningKinds([repeated], { duplicate_designator: 5000, cell_too_long: 1 })).toEqual([
      { code: 'duplicate_designator', count: 5000 },
      { code: 'cell_too_long', count: 1 },
    ]);
  });
});
