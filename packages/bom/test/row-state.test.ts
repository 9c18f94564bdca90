import { describe, expect, it } from 'vitest';
import type { BomRow } from '../src/bom-model';
import { applyToRow, designatorsChanged, newRowState } from '../src/row-state';
import { statusOfMatchedOp } from '../src/statuses';

const row = (designators: string[], top: string[] = [], bottom: string[] = []): BomRow => ({
  rowNumber: 5,
  row: { rowNumber: 5, start: 0, end: 0, tag: '<row>', selfClosing: false },
  materialCode: '1',
  materialKey: '1',
  level: 1,
  quantity: designators.length,
  designators,
  top,
  bottom,
  malformed: [],
});

describe('add', () => {
  it('appends missing designators in request order; present ones are no-ops; sides untouched', () => {
    const state = newRowState(row(['R1', 'R2'], ['R1'], ['R2']));
    const effect = applyToRow(state, 'add', ['R3', 'R1', 'C1']);
    expect(state.designators).toEqual(['R1', 'R2', 'R3', 'C1']);
    expect(effect.changed).toEqual(['R3', 'C1']);
    expect(effect.noOps).toEqual(['R1']);
    expect(state.top).toEqual(['R1']);
    expect(state.topTouched || state.bottomTouched).toBe(false);
  });
});

describe('del', () => {
  it('removes present designators, also from the sides where they appear; absent ones are no-ops', () => {
    const state = newRowState(row(['R1', 'R2', 'R3'], ['R1', 'R3'], ['R2']));
    const effect = applyToRow(state, 'del', ['R3', 'R9']);
    expect(state.designators).toEqual(['R1', 'R2']);
    expect(state.top).toEqual(['R1']);
    expect(state.bottom).toEqual(['R2']);
    expect(state.topTouched).toBe(true);
    expect(state.bottomTouched).toBe(false);
    expect(effect).toEqual({ changed: ['R3'], noOps: ['R9'], removedFromTop: ['R3'], removedFromBottom: [] });
  });
  it('does not touch a side for a designator that is not in 位号', () => {
    const state = newRowState(row(['R1'], ['R7']));
    applyToRow(state, 'del', ['R7']);
    expect(state.top).toEqual(['R7']);
    expect(state.topTouched).toBe(false);
  });
  it('removes every copy of a designator listed twice in the row', () => {
    const state = newRowState(row(['R1', 'R2', 'R1']));
    applyToRow(state, 'del', ['R1']);
    expect(state.designators).toEqual(['R2']);
  });
});

describe('evolving state', () => {
  it('a later op sees an earlier one, and a row back to its original list is unchanged', () => {
    const state = newRowState(row(['R1']));
    applyToRow(state, 'add', ['R2']);
    expect(designatorsChanged(state)).toBe(true);
    expect(applyToRow(state, 'add', ['R2']).noOps).toEqual(['R2']);
    applyToRow(state, 'del', ['R2']);
    expect(designatorsChanged(state)).toBe(false);
  });
});

describe('statusOfMatchedOp', () => {
  it('applied: ≥1 changed and no no-ops; partial: both; unchanged: nothing changed', () => {
    expect(statusOfMatchedOp(2, 0)).toBe('applied');
    expect(statusOfMatchedOp(1, 1)).toBe('partial');
    expect(statusOfMatchedOp(0, 3)).toBe('unchanged');
  });
});
