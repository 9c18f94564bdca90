import { describe, expect, it } from 'vitest';
import { applyOperations, dryRunOpsWorkbook } from '../src/index';
import { bomWorkbook, OPS_HEADER, workbook } from './helpers';

const bom = bomWorkbook([
  [1, 1001, 2, '', '', 'R1,R2', ''],
  [1, 1002, 1, '', '', 'C1', ''],
]);
const opsBook = workbook([
  {
    name: 'Ops',
    rows: [
      [...OPS_HEADER],
      [1, 1001, 'del', 'R2', ''],
      [1, 1002, 'modify', 'C1', ''],
      [1, 9999, 'del', 'R9', ''],
      [1, 1002, 'add', 'C1', ''],
    ],
  },
]);

describe('dryRunOpsWorkbook: a separate operations workbook checked against a BOM', () => {
  it('lists exactly the ops the run will log as not run, with the op warnings, writing nothing', () => {
    const dry = dryRunOpsWorkbook(bom, opsBook);
    expect(dry.sheet).toBe('Ops');
    expect(dry.dataRowCount).toBe(4);
    expect(dry.skippedOpCounts).toEqual({ invalid: 1, not_found: 1 });
    expect(dry.skippedOps.map((op) => [op.opRow, op.status, op.materialCode, op.op, op.designators])).toEqual([
      [3, 'invalid', 1002, 'modify', 'C1'],
      [4, 'not_found', 9999, 'del', 'R9'],
    ]);
    const logged = applyOperations(bom, { kind: 'workbook', bytes: opsBook }).log.filter((e) =>
      ['invalid', 'not_found', 'ambiguous'].includes(e.status),
    );
    expect(dry.skippedOps.map((op) => [op.opRow, op.reasons])).toEqual(logged.map((e) => [e.seq, e.notes]));
    expect(dry.skippedOpsTotal).toBe(logged.length);
  });
});
