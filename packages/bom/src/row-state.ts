import type { BomRow } from './bom-model';
import type { OpKind } from './operations';

/** The evolving copy of one BOM row: later ops see the effects of earlier ones. */
export interface RowState {
  row: BomRow;
  designators: string[];
  top: string[];
  bottom: string[];
  /** a designator was removed from A面位号 / B面位号 (only then is the side cell written) */
  topTouched: boolean;
  bottomTouched: boolean;
}

export function newRowState(row: BomRow): RowState {
  return { row, designators: [...row.designators], top: [...row.top], bottom: [...row.bottom], topTouched: false, bottomTouched: false };
}

export interface OpEffect {
  changed: string[];
  noOps: string[];
  removedFromTop: string[];
  removedFromBottom: string[];
}

/**
 * add: append each requested designator not already in 位号, in request order (never touches the sides).
 * del: remove each requested designator that is in 位号, and from A面/B面 where it appears there.
 * `requested` is already de-duplicated, so a designator listed twice counts once.
 */
export function applyToRow(state: RowState, kind: OpKind, requested: readonly string[]): OpEffect {
  const effect: OpEffect = { changed: [], noOps: [], removedFromTop: [], removedFromBottom: [] };
  const present = new Set(state.designators);
  for (const d of requested) {
    if (kind === 'add') {
      if (present.has(d)) effect.noOps.push(d);
      else {
        state.designators.push(d);
        present.add(d);
        effect.changed.push(d);
      }
      continue;
    }
    if (!present.has(d)) {
      effect.noOps.push(d);
      continue;
    }
    state.designators = state.designators.filter((x) => x !== d);
    present.delete(d);
    effect.changed.push(d);
    if (state.top.includes(d)) {
      state.top = state.top.filter((x) => x !== d);
      state.topTouched = true;
      effect.removedFromTop.push(d);
    }
    if (state.bottom.includes(d)) {
      state.bottom = state.bottom.filter((x) => x !== d);
      state.bottomTouched = true;
      effect.removedFromBottom.push(d);
    }
  }
  return effect;
}

export function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export function designatorsChanged(state: RowState): boolean {
  return !sameList(state.designators, state.row.designators);
}
