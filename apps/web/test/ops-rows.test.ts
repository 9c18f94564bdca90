import { describe, expect, it } from 'vitest';
import type { Translate } from '../src/i18n/I18nProvider';
import { blankOp, problemText, rowProblems, sentIndexes, toOpRows, type EditableOp } from '../src/pages/bom/ops-rows';

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
      { level: null, materialCode: 'M1', op: 'del', designators: 'R5-R1' },
      { level: null, materialCode: '', op: 'add', designators: 'R1' },
      { level: null, materialCode: 'M2', op: 'del', designators: 'C1-C3' },
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
    expect(range && problemText(range, t)).toBe('bom.ops.problem.malformed_range {"token":"R5-R1","reason":"bom.ops.range.descending"}');
    expect(problemText({ code: 'invalid_level', value: 'x' }, t)).toBe('bom.ops.problem.invalid_level {"value":"x"}');
    expect(problemText({ code: 'empty_designators' }, t)).toBe('bom.ops.problem.empty_designators');
  });
});
