import { readCompareSide, type CompareRow, type CompareSide } from './compare-sheet';
import { isBomInputError } from './errors';
import { resolveLimits, type BomLimits } from './limits';
import { naturalCompare } from './natural-order';

/**
 * Compares two BOM revisions (issue 15): rows matched by (级别, 物料编码), repeated pairs in order of appearance;
 * designators as sets (位号 and the A/B side columns together); a designator that leaves one material and joins
 * another is a move.
 */
export const COMPARE_STATUSES = ['added', 'removed', 'changed', 'unchanged'] as const;
export type CompareStatus = (typeof COMPARE_STATUSES)[number];

export interface CompareRowDiff {
  status: CompareStatus;
  level: number | null;
  materialCode: string;
  /** the new workbook's description, else the old one's (a removed row, a new sheet without the column) */
  description: string | null;
  /**
   * Only on a changed row whose description changed (both sheets have the column): the old workbook's description,
   * null when it was blank. Absent on every other row.
   */
  oldDescription?: string | null;
  oldQty: number | null;
  newQty: number | null;
  /** 1-based sheet rows; null on the side the row is missing from */
  oldRow: number | null;
  newRow: number | null;
  addedDesignators: string[];
  removedDesignators: string[];
}

export interface DesignatorMove {
  designator: string;
  fromMaterial: string;
  toMaterial: string;
}

export interface CompareSummary {
  added: number;
  removed: number;
  changed: number;
  unchanged: number;
  designatorsAdded: number;
  designatorsRemoved: number;
  moved: number;
}

/** The contract's JSON: every row that is not unchanged, in the new workbook's order. */
export interface BomComparison {
  summary: CompareSummary;
  rows: CompareRowDiff[];
  moves: DesignatorMove[];
}

export interface CompareOptions {
  /** compare this sheet of both workbooks instead of 新BOM表 / the BOM sheet */
  sheet?: string;
  /** per side, over `sheet` (a run's input is compared on the sheet the run read) */
  oldSheet?: string;
  newSheet?: string;
  limits?: Partial<BomLimits>;
}

export interface SideComparison {
  comparison: BomComparison;
}

export interface WorkbookComparison extends SideComparison {
  /** the sheets compared */
  oldSheet: string;
  newSheet: string;
  durationMs: number;
}

const NONE: string[] = [];
const NO_ROWS: number[] = [];

/** Items of sorted `a` missing from sorted `b` (both in natural order, without duplicates). */
function missingFrom(a: readonly string[], b: readonly string[]): string[] {
  if (b.length === 0) return a.length === 0 ? NONE : [...a];
  let out: string[] | undefined;
  let j = 0;
  for (const item of a) {
    while (j < b.length && naturalCompare(b[j]!, item) < 0) j++;
    if (j < b.length && b[j] === item) continue;
    (out ??= []).push(item);
  }
  return out ?? NONE;
}

const numberOrNull = (q: number | string | null) => (typeof q === 'number' ? q : null);

function entryOf(
  status: CompareStatus,
  old: CompareRow | undefined,
  next: CompareRow | undefined,
  added: string[],
  removed: string[],
  descriptionChanged = false,
): CompareRowDiff {
  const row = (next ?? old)!;
  return {
    status,
    level: row.level,
    materialCode: row.materialCode,
    // a description blanked in the new workbook is blank here (the old one is `oldDescription`)
    description: descriptionChanged ? next!.description : (next?.description ?? old?.description ?? null),
    ...(descriptionChanged ? { oldDescription: old?.description ?? null } : {}),
    oldQty: old ? numberOrNull(old.quantity) : null,
    newQty: next ? numberOrNull(next.quantity) : null,
    oldRow: old?.rowNumber ?? null,
    newRow: next?.rowNumber ?? null,
    addedDesignators: added,
    removedDesignators: removed,
  };
}

/** A quantity or a description counts only when both sheets have the column. */
function pairStatus(old: CompareRow, next: CompareRow, sides: [CompareSide, CompareSide], designatorsDiffer: boolean) {
  if (designatorsDiffer) return 'changed';
  if (sides[0].hasQuantity && sides[1].hasQuantity && old.quantity !== next.quantity) return 'changed';
  if (sides[0].hasDescription && sides[1].hasDescription && old.description !== next.description) return 'changed';
  return 'unchanged';
}

/** Matches the rows and lists the differences; `rows` keeps removed rows after their old predecessor's match. */
export function compareSides(oldSide: CompareSide, newSide: CompareSide): SideComparison {
  const oldRows = oldSide.rows;
  const newRows = newSide.rows;
  // key → old rows with that key, in order; a cursor per key pairs the n-th occurrences
  const occurrences = new Map<string, number[]>();
  for (let i = 0; i < oldRows.length; i++) {
    const list = occurrences.get(oldRows[i]!.key);
    if (list) list.push(i);
    else occurrences.set(oldRows[i]!.key, [i]);
  }
  const used = new Map<string, number>();
  const newOfOld = new Int32Array(oldRows.length).fill(-1);
  const oldOfNew = new Int32Array(newRows.length).fill(-1);
  for (let n = 0; n < newRows.length; n++) {
    const key = newRows[n]!.key;
    const list = occurrences.get(key);
    const k = used.get(key) ?? 0;
    if (list === undefined || k >= list.length) continue;
    used.set(key, k + 1);
    oldOfNew[n] = list[k]!;
    newOfOld[list[k]!] = n;
  }

  // removed rows go right after the new position of the nearest earlier old row that was matched
  const removedAfter = new Map<number, number[]>();
  let anchor = -1;
  for (let o = 0; o < oldRows.length; o++) {
    if (newOfOld[o]! >= 0) anchor = newOfOld[o]!;
    else {
      const list = removedAfter.get(anchor);
      if (list) list.push(o);
      else removedAfter.set(anchor, [o]);
    }
  }

  const summary: CompareSummary = {
    added: 0,
    removed: 0,
    changed: 0,
    unchanged: 0,
    designatorsAdded: 0,
    designatorsRemoved: 0,
    moved: 0,
  };
  const rows: CompareRowDiff[] = [];
  const push = (entry: CompareRowDiff) => {
    summary[entry.status]++;
    summary.designatorsAdded += entry.addedDesignators.length;
    summary.designatorsRemoved += entry.removedDesignators.length;
    rows.push(entry);
  };
  const pushRemoved = (after: number) => {
    for (const o of removedAfter.get(after) ?? NO_ROWS) {
      const old = oldRows[o]!;
      push(entryOf('removed', old, undefined, NONE, old.designators));
    }
  };
  const sides: [CompareSide, CompareSide] = [oldSide, newSide];
  const describes = oldSide.hasDescription && newSide.hasDescription;
  pushRemoved(-1);
  for (let n = 0; n < newRows.length; n++) {
    const next = newRows[n]!;
    const o = oldOfNew[n]!;
    if (o < 0) push(entryOf('added', undefined, next, next.designators, NONE));
    else {
      const old = oldRows[o]!;
      const added = missingFrom(next.designators, old.designators);
      const removed = missingFrom(old.designators, next.designators);
      const status = pairStatus(old, next, sides, added.length + removed.length > 0);
      if (status === 'unchanged') summary.unchanged++;
      else push(entryOf(status, old, next, added, removed, describes && old.description !== next.description));
    }
    pushRemoved(n);
  }
  const moves = findMoves(rows);
  summary.moved = moves.length;
  return { comparison: { summary, rows, moves } };
}

/** A designator removed from one material and added to another; each designator is listed once. */
function findMoves(rows: readonly CompareRowDiff[]): DesignatorMove[] {
  const removedFrom = new Map<string, string[]>();
  for (const row of rows) {
    for (const d of row.removedDesignators) {
      const list = removedFrom.get(d);
      if (list) list.push(row.materialCode);
      else removedFrom.set(d, [row.materialCode]);
    }
  }
  const moves = new Map<string, DesignatorMove>();
  for (const row of rows) {
    for (const d of row.addedDesignators) {
      if (moves.has(d)) continue;
      const from = removedFrom.get(d)?.find((m) => m !== row.materialCode);
      if (from !== undefined) moves.set(d, { designator: d, fromMaterial: from, toMaterial: row.materialCode });
    }
  }
  return [...moves.values()].toSorted((a, b) => naturalCompare(a.designator, b.designator));
}

/** Both workbooks read and compared, with the sheets that were compared. */
export function compareBomWorkbooks(
  oldBytes: Uint8Array,
  newBytes: Uint8Array,
  options: CompareOptions = {},
): WorkbookComparison {
  const started = performance.now();
  const limits = resolveLimits(options.limits);
  const read = (bytes: Uint8Array, side: 'old' | 'new') => {
    try {
      return readCompareSide(bytes, (side === 'old' ? options.oldSheet : options.newSheet) ?? options.sheet, limits);
    } catch (error) {
      if (isBomInputError(error)) error.side = side;
      throw error;
    }
  };
  const oldSide = read(oldBytes, 'old');
  const newSide = read(newBytes, 'new');
  return {
    ...compareSides(oldSide, newSide),
    oldSheet: oldSide.sheet,
    newSheet: newSide.sheet,
    durationMs: Math.round(performance.now() - started),
  };
}

/** `compareBoms(old, new)`: the contract's JSON for two workbooks (bytes). */
export function compareBoms(oldBytes: Uint8Array, newBytes: Uint8Array, options: CompareOptions = {}): BomComparison {
  return compareBomWorkbooks(oldBytes, newBytes, options).comparison;
}
