import { describe, expect, it } from 'vitest';
import type { Translate } from '../src/i18n/I18nProvider';
import {
  blankOp,
  candidateRows,
  problemText,
  rowProblems,
  rowsFromRunLog,
  sentIndexes,
  targetRow,
  toOpRows,
  type BomRowChoice,
  type EditableOp,
} from '../src/pages/bom/ops-rows';

/** Shows which message and parameters were asked for. */
const t: Translate = (key, params) => (params ? `${key} ${JSON.stringify(params)}` : key);

const row = (patch: Partial<EditableOp>): EditableOp => ({ ...blankOp(), ...patch });

describe('online operation rows', () => {
  const rows = [
    row({}),
    row({ materialCode: 'M1', designators: 'R5-R1' }),
    row({}),
    row({ designators: 'R1', op: 'add' }),
    row({ materialCode: 'M2', designators: 'C1-C3' }),
  ];

  it('leaves untouched rows out of what is sent and out of the problems', () => {
    expect(toOpRows(rows)).toEqual([
      { level: null, materialCode: 'M1', op: 'del', designators: 'R5-R1', bomRow: null },
      { level: null, materialCode: '', op: 'add', designators: 'R1', bomRow: null },
      { level: null, materialCode: 'M2', op: 'del', designators: 'C1-C3', bomRow: null },
    ]);
    expect([...rowProblems(rows)].map(([index, problems]) => [index, problems.map((p) => p.code)])).toEqual([
      [1, ['malformed_range']],
      [3, ['empty_material_code']],
    ]);
    expect(rowProblems([row({}), row({})]).size).toBe(0);
  });

  it('maps editor rows to the indexes the server uses for per-row errors', () => {
    expect([...sentIndexes(rows)]).toEqual([
      [1, 0],
      [3, 1],
      [4, 2],
    ]);
  });

  it('words problems with the UI’s messages, the range reason included', () => {
    const [range] = rowProblems(rows).get(1) ?? [];
    expect(range && problemText(range, t)).toBe(
      'bom.ops.problem.malformed_range {"token":"R5-R1","reason":"bom.ops.range.descending"}',
    );
    expect(problemText({ code: 'invalid_level', value: 'x' }, t)).toBe('bom.ops.problem.invalid_level {"value":"x"}');
    expect(problemText({ code: 'empty_designators' }, t)).toBe('bom.ops.problem.empty_designators');
  });
});

const choice = (rowNumber: number, materialCode: string, level: number | null): BomRowChoice => ({
  rowNumber,
  materialCode,
  level,
  quantity: 1,
  designators: [`R${rowNumber}`],
});

describe('rows an op would match', () => {
  const byCode = new Map([['M1', [choice(2, 'M1', 3), choice(5, 'M1', 3), choice(9, 'M1', 4)]]]);

  it('are the rows of the code, narrowed by the level when one is given', () => {
    expect(candidateRows(byCode, row({ materialCode: ' M1 ' })).map((c) => c.rowNumber)).toEqual([2, 5, 9]);
    expect(candidateRows(byCode, row({ materialCode: 'M1', level: 3 })).map((c) => c.rowNumber)).toEqual([2, 5]);
    expect(candidateRows(byCode, row({ materialCode: 'M1', level: 4 })).map((c) => c.rowNumber)).toEqual([9]);
    expect(candidateRows(byCode, row({ materialCode: 'nope' }))).toEqual([]);
  });

  it('narrow to the pinned row, or to the only candidate; several unpinned rows have no target', () => {
    const m1 = row({ materialCode: 'M1', level: 3 });
    expect(targetRow(candidateRows(byCode, m1), m1)).toBeNull();
    const pinned = { ...m1, bomRow: 5 };
    expect(targetRow(candidateRows(byCode, pinned), pinned)?.designators).toEqual(['R5']);
    const pinnedElsewhere = { ...m1, bomRow: 9 };
    expect(targetRow(candidateRows(byCode, pinnedElsewhere), pinnedElsewhere)).toBeNull();
    const single = row({ materialCode: 'M1', level: 4 });
    expect(targetRow(candidateRows(byCode, single), single)?.rowNumber).toBe(9);
  });

  it('sends the pin with the row', () => {
    expect(toOpRows([row({ materialCode: 'M1', designators: 'R1', bomRow: 5 })])).toEqual([
      { level: null, materialCode: 'M1', op: 'del', designators: 'R1', bomRow: 5 },
    ]);
  });
});

const entry = (
  over: Partial<Parameters<typeof rowsFromRunLog>[0][number]>,
): Parameters<typeof rowsFromRunLog>[0][number] => ({
  seq: 2,
  level: null,
  materialCode: 'M1',
  op: 'del',
  designators: 'R1',
  status: 'applied',
  bomRow: 5,
  oldDesignators: 'R1,R2',
  newDesignators: 'R2',
  oldQuantity: 2,
  newQuantity: 1,
  notes: [],
  ...over,
});

describe("a run's operations as editor rows", () => {
  it('keeps matched ops pinned to their row, leaves ambiguous ones unpinned, and drops ops of an invalid type', () => {
    const { rows, skipped } = rowsFromRunLog([
      entry({}),
      entry({
        seq: 3,
        level: 3,
        materialCode: 80218561,
        status: 'ambiguous',
        bomRow: null,
        op: 'add',
        designators: 'C1,C2',
      }),
      entry({ seq: 4, level: ' 4 ', status: 'not_found', bomRow: null }),
      entry({ seq: 5, op: 'swap', status: 'invalid', bomRow: null }),
    ]);
    expect(skipped).toBe(1);
    expect(rows.map((editable) => ({ ...editable, key: 0 }))).toEqual([
      { key: 0, level: null, materialCode: 'M1', op: 'del', designators: 'R1', bomRow: 5 },
      { key: 0, level: 3, materialCode: '80218561', op: 'add', designators: 'C1,C2', bomRow: null },
      { key: 0, level: 4, materialCode: 'M1', op: 'del', designators: 'R1', bomRow: null },
    ]);
    expect(new Set(rows.map((editable) => editable.key)).size).toBe(3);
  });
});
