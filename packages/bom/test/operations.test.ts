import { describe, expect, it } from 'vitest';
import { opRowSchema } from '../src/op-row-schema';
import { isBlankOp, parseOp, parseOpKind, validateOpRows, type RawOp } from '../src/operations';

const raw = (over: Partial<RawOp>): RawOp => ({
  rowNumber: 2,
  level: null,
  materialCode: '100',
  op: 'add',
  designators: 'R1',
  bomRow: null,
  ...over,
});

describe('parseOpKind', () => {
  it.each(['add', ' ADD ', 'Add', '增加', '新增'])('%s means add', (w) => expect(parseOpKind(w)).toBe('add'));
  it.each(['del', 'DEL', 'delete', 'Delete', '删除', 'remove', ' Remove '])('%s means del', (w) =>
    expect(parseOpKind(w)).toBe('del'),
  );
  it.each(['modify', '', null, 'adds', '添加'])('%s is not an op', (w) => expect(parseOpKind(w)).toBeNull());
});

const problems = (o: Partial<RawOp>) => {
  const p = parseOp(raw(o));
  return p.valid ? [] : p.problems.map((x) => x.code);
};

describe('parseOp', () => {
  it('expands and dedupes the requested designators', () => {
    const op = parseOp(raw({ designators: 'r1-r3, R2,r1' }));
    expect(op.valid && op.requested).toEqual(['R1', 'R2', 'R3']);
  });
  it('makes the op invalid for a bad op type, empty code, empty designators, a malformed range or a bad level', () => {
    expect(problems({ op: 'modify' })).toEqual(['invalid_op_type']);
    expect(problems({ materialCode: '  ' })).toEqual(['empty_material_code']);
    expect(problems({ designators: ' ，' })).toEqual(['empty_designators']);
    expect(problems({ designators: 'R1,R9-R3' })).toEqual(['malformed_range']);
    expect(problems({ level: 'x' })).toEqual(['invalid_level']);
    expect(problems({ op: 'x', materialCode: null, designators: null })).toEqual([
      'invalid_op_type',
      'empty_material_code',
      'empty_designators',
    ]);
  });
  it('keeps the tokens as written for an invalid op', () => {
    const p = parseOp(raw({ designators: 'r1,R9-R3' }));
    expect(p.requested).toEqual(['R1', 'R9-R3']);
  });
  it('reads the level as an integer', () => {
    const p = parseOp(raw({ level: '3.0' }));
    expect(p.valid && p.level).toBe(3);
  });
});

describe('isBlankOp', () => {
  it('is blank only when material code, op and designators are all empty (level and notes do not count)', () => {
    expect(isBlankOp({ materialCode: null, op: ' ', designators: '' })).toBe(true);
    expect(isBlankOp({ materialCode: null, op: 'add', designators: '' })).toBe(false);
  });
});

describe('opRowSchema and validateOpRows', () => {
  it('accepts the online shape and rejects a wrong one', () => {
    expect(opRowSchema.safeParse({ materialCode: '100', op: 'add', designators: 'R1' }).success).toBe(true);
    expect(opRowSchema.safeParse({ level: 3, materialCode: 100, op: 'del', designators: 'R1' }).success).toBe(true);
    expect(opRowSchema.safeParse({ materialCode: '100', op: 'add' }).success).toBe(false);
  });
  it('returns per-row errors with the sheet rules and skips blank rows', () => {
    const errors = validateOpRows([
      { materialCode: '100', op: 'add', designators: 'R1' },
      { materialCode: '', op: '', designators: '' },
      { materialCode: '100', op: 'swap', designators: 'R5-R1' },
    ]);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.index).toBe(2);
    expect(errors[0]!.problems.map((p) => p.code)).toEqual(['invalid_op_type', 'malformed_range']);
    expect(errors[0]!.problems[0]).toEqual({ code: 'invalid_op_type', value: 'swap' });
  });
});
