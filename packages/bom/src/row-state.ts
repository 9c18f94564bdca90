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
  /** the designators now in 位号, kept in step with `designators` */
  present: Set<string>;
}

export function newRowState(row: BomRow): RowState {
  return {
    row,
    designators: [...row.designators],
    top: [...row.top],
    bottom: [...row.bottom],
    topTouched: false,
    bottomTouched: false,
    present: new Set(row.designators),
  };
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
  const { present } = state;
  if (kind === 'add') {
    for (const d of requested) {
      if (present.has(d)) effect.noOps.push(d);
      else {
        state.designators.push(d);
        present.add(d);
        effect.changed.push(d);
      }
    }
    return effect;
  }
  for (const d of requested) (present.has(d) ? effect.changed : effect.noOps).push(d);
  if (effect.changed.length === 0) return effect;
  // one pass per list, whatever the number of designators removed
  const removed = new Set(effect.changed);
  for (const d of removed) present.delete(d);
  state.designators = state.designators.filter((x) => !removed.has(x));
  const fromTop = new Set(state.top.filter((x) => removed.has(x)));
  const fromBottom = new Set(state.bottom.filter((x) => removed.has(x)));
  if (fromTop.size > 0) {
    state.top = state.top.filter((x) => !fromTop.has(x));
    state.topTouched = true;
    effect.removedFromTop = effect.changed.filter((d) => fromTop.has(d));
  }
  if (fromBottom.size > 0) {
    state.bottom = state.bottom.filter((x) => !fromBottom.has(x));
    state.bottomTouched = true;
    effect.removedFromBottom = effect.changed.filter((d) => fromBottom.has(d));
  }
  return effect;
}

export function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

export function designatorsChanged(state: RowState): boolean {
  return !sameList(state.designators, state.row.designators);
}
