import type { RouterOutputs } from '@arya/api';

export type Comparison = RouterOutputs['bom']['compare'];
export type CompareRow = Comparison['rows'][number];
export type CompareRowStatus = CompareRow['status'];
export type DesignatorMove = Comparison['moves'][number];

/** What made a matched row `changed`. */
export type ChangedField = 'quantity' | 'designators' | 'description';

/**
 * The fields a changed row changed in. The engine marks a matched pair changed for its quantity, its designators or its
 * description, and gives `oldDescription` exactly when the description changed. A quantity is sent only as a number:
 * a change seen in nothing else is one between two non-numeric quantities (适量 → 若干).
 */
export function changedFields(row: CompareRow): ChangedField[] {
  if (row.status !== 'changed') return [];
  const fields: ChangedField[] = [];
  if (row.oldQty !== row.newQty) fields.push('quantity');
  if (row.addedDesignators.length + row.removedDesignators.length > 0) fields.push('designators');
  if (row.oldDescription !== undefined) fields.push('description');
  return fields.length > 0 ? fields : ['quantity'];
}

/** The table's status filter: a row status, every row, or only the rows a move touches. */
export type CompareStatusFilter = 'all' | 'added' | 'removed' | 'changed' | 'moved';

/** The designators that moved away from or onto one row, with the other material of each. */
export interface RowMoves {
  out: { designator: string; to: string }[];
  in: { designator: string; from: string }[];
}

/** Moves between one pair of materials, in the order the engine listed them. */
export interface MoveGroup {
  from: string;
  to: string;
  designators: string[];
}

export interface CompareFilter {
  status: CompareStatusFilter;
  /** part of a material code, any case */
  material: string;
  /** whole designators, separated by commas or spaces, any case */
  designators: string;
  /** only the two sides of this move */
  move: { from: string; to: string } | null;
}

export const NO_FILTER: CompareFilter = { status: 'all', material: '', designators: '', move: null };

const NO_MOVES: RowMoves = { out: [], in: [] };
const key = (material: string, designator: string) => `${material}\u0000${designator}`;

/**
 * Finds each row's moves in O(1): a removed designator that went to another material, an added one that came from one.
 */
export function moveIndex(moves: readonly DesignatorMove[]) {
  const to = new Map<string, string>();
  const from = new Map<string, string>();
  for (const move of moves) {
    to.set(key(move.fromMaterial, move.designator), move.toMaterial);
    from.set(key(move.toMaterial, move.designator), move.fromMaterial);
  }
  return (row: CompareRow): RowMoves => {
    if (moves.length === 0) return NO_MOVES;
    const out: RowMoves['out'] = [];
    const incoming: RowMoves['in'] = [];
    for (const designator of row.removedDesignators) {
      const target = to.get(key(row.materialCode, designator));
      if (target !== undefined) out.push({ designator, to: target });
    }
    for (const designator of row.addedDesignators) {
      const source = from.get(key(row.materialCode, designator));
      if (source !== undefined) incoming.push({ designator, from: source });
    }
    return out.length + incoming.length === 0 ? NO_MOVES : { out, in: incoming };
  };
}

export function groupMoves(moves: readonly DesignatorMove[]): MoveGroup[] {
  const groups = new Map<string, MoveGroup>();
  for (const move of moves) {
    const id = key(move.fromMaterial, move.toMaterial);
    const group = groups.get(id);
    if (group) group.designators.push(move.designator);
    else groups.set(id, { from: move.fromMaterial, to: move.toMaterial, designators: [move.designator] });
  }
  return [...groups.values()];
}

const tokens = (text: string) =>
  text
    .toUpperCase()
    .split(/[\s,，;；、]+/)
    .filter(Boolean);

/** The rows the filter keeps, in the comparison's order. */
export function filterRows(
  rows: readonly CompareRow[],
  movesOf: (row: CompareRow) => RowMoves,
  filter: CompareFilter,
): CompareRow[] {
  const material = filter.material.trim().toUpperCase();
  const wanted = new Set(tokens(filter.designators));
  const { move } = filter;
  return rows.filter((row) => {
    if (filter.status === 'moved') {
      const moved = movesOf(row);
      if (moved.out.length + moved.in.length === 0) return false;
    } else if (filter.status !== 'all' && row.status !== filter.status) return false;
    if (material && !row.materialCode.toUpperCase().includes(material)) return false;
    if (wanted.size > 0 && ![...row.addedDesignators, ...row.removedDesignators].some((d) => wanted.has(d)))
      return false;
    if (move) {
      const moved = movesOf(row);
      const touches =
        (row.materialCode === move.from && moved.out.some((m) => m.to === move.to)) ||
        (row.materialCode === move.to && moved.in.some((m) => m.from === move.from));
      if (!touches) return false;
    }
    return true;
  });
}

/** How many rows a move touches (for the status filter's count). */
export function countMovedRows(rows: readonly CompareRow[], movesOf: (row: CompareRow) => RowMoves): number {
  let count = 0;
  for (const row of rows) {
    const moved = movesOf(row);
    if (moved.out.length + moved.in.length > 0) count++;
  }
  return count;
}

export function isFiltered(filter: CompareFilter): boolean {
  return (
    filter.status !== 'all' || filter.material.trim() !== '' || filter.designators.trim() !== '' || filter.move !== null
  );
}
