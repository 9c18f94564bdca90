import { BOM_ROLES, type BomRole } from './columns';
import { DesignatorIndex } from './designator-index';
import { parseDesignators, type ParsedDesignators } from './designators';
import { BomInputError } from './errors';
import type { BomLimits } from './limits';
import { readTable, type Table, type TableRow } from './table';
import { cellText, materialCodeKey, parseLevel, quantityValue, type CellValue } from './values';
import { makeWarning, type BomWarning } from './warnings';
import type { SharedStrings } from './xlsx/shared-strings';
import type { ScannedRow } from './xlsx/sheet-scanner';

export interface BomRow {
  rowNumber: number;
  row: ScannedRow;
  materialCode: CellValue;
  materialKey: string | null;
  /** null when blank or not an integer: such a row never matches an op that gives a level */
  level: number | null;
  quantity: CellValue;
  designators: string[];
  top: string[];
  bottom: string[];
  malformed: string[];
}

export interface BomModel {
  table: Table<BomRole>;
  rows: BomRow[];
  byMaterial: Map<string, BomRow[]>;
  /** every designator in any 位号 cell */
  designators: DesignatorIndex;
  /** designators on more than one row (or twice in one row) → every row they are on */
  duplicates: Map<string, number[]>;
}

const NONE: string[] = [];

const NO_DESIGNATORS: ParsedDesignators = { items: NONE, malformed: [] };

/** A 位号 cell's list; most A面/B面 cells are empty, and share one empty list. */
function designatorsOf(value: CellValue | undefined): ParsedDesignators {
  return value === undefined || value === null || value === '' ? NO_DESIGNATORS : parseDesignators(cellText(value));
}

function bomRowOf(r: TableRow<BomRole>): BomRow {
  const v = r.values;
  const main = designatorsOf(v.designators);
  const top = designatorsOf(v.topDesignators);
  const bottom = designatorsOf(v.bottomDesignators);
  const level = parseLevel(v.level);
  return {
    rowNumber: r.rowNumber,
    row: r.row,
    materialCode: v.materialCode ?? null,
    materialKey: materialCodeKey(v.materialCode),
    level: Number.isNaN(level) ? null : level,
    quantity: v.quantity ?? null,
    designators: main.items,
    top: top.items,
    bottom: bottom.items,
    malformed:
      main.malformed.length + top.malformed.length + bottom.malformed.length === 0
        ? NONE
        : malformedTokens(main, top, bottom),
  };
}

function malformedTokens(...lists: ParsedDesignators[]): string[] {
  return lists.flatMap((list) => list.malformed.map((m) => m.token));
}

/** Adds a row's designators to the index; a designator met again goes to `duplicates` with all its rows. */
function indexDesignators(row: BomRow, index: DesignatorIndex, lists: DesignatorLists, duplicates: Duplicates): void {
  const list = lists.items.length;
  lists.items.push(row.designators);
  lists.rowNumbers.push(row.rowNumber);
  for (let i = 0; i < row.designators.length; i++) {
    const first = index.add(list, i);
    if (first >= 0) addDuplicate(duplicates, row.designators[i]!, lists.rowNumbers[first]!, row.rowNumber);
  }
}

/** The designator lists the index points into, with the row number of each. */
interface DesignatorLists {
  items: (readonly string[])[];
  rowNumbers: number[];
}

type Duplicates = Map<string, number[]>;

function addDuplicate(duplicates: Map<string, number[]>, designator: string, first: number, rowNumber: number): void {
  const rows = duplicates.get(designator);
  if (rows) rows.push(rowNumber);
  else duplicates.set(designator, [first, rowNumber]);
}

function addToList<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function readBomModel(
  xml: string,
  sheetName: string,
  sharedStrings: SharedStrings,
  limits: BomLimits,
  previewRows = 0,
): BomModel {
  const rows: BomRow[] = [];
  const byMaterial = new Map<string, BomRow[]>();
  const lists: DesignatorLists = { items: [], rowNumbers: [] };
  const designators = new DesignatorIndex(lists.items);
  const duplicates: Duplicates = new Map();
  let named = 0;
  // small functions per step: each is optimised on its own after a few rows, where one large loop body would wait
  // for on-stack replacement and fall back to the interpreter at every rare branch (a duplicate, a malformed range)
  const onRow = (r: TableRow<BomRole>) => {
    const row = bomRowOf(r);
    named += row.designators.length + row.top.length + row.bottom.length;
    if (named > limits.maxBomDesignators) {
      throw new BomInputError('too_many_bom_designators', { sheet: sheetName, limit: limits.maxBomDesignators });
    }
    rows.push(row);
    if (row.designators.length > 0) indexDesignators(row, designators, lists, duplicates);
    if (row.materialKey !== null) addToList(byMaterial, row.materialKey, row);
  };
  const table = readTable(xml, sheetName, sharedStrings, BOM_ROLES, limits, { previewRows, onRow });
  return { table, rows, byMaterial, designators, duplicates };
}

const distinct = (list: readonly string[]) =>
  list.length > 32 ? [...new Set(list)] : list.filter((d, i) => list.indexOf(d) === i);

/** Collects warnings in order, with the warnings of each row. */
class WarningIndex {
  readonly warnings: BomWarning[] = [];
  readonly byRow = new Map<number, BomWarning[]>();

  /** a warning about one row (most of them: no Set of rows to build) */
  addForRow(w: BomWarning, rowNumber: number): void {
    this.warnings.push(w);
    const list = this.byRow.get(rowNumber);
    if (list) list.push(w);
    else this.byRow.set(rowNumber, [w]);
  }

  addForRows(w: BomWarning, rows: readonly number[]): void {
    this.warnings.push(w);
    for (const r of new Set(rows)) {
      const list = this.byRow.get(r);
      if (list) list.push(w);
      else this.byRow.set(r, [w]);
    }
  }
}

// one small function per check, as in readBomModel: each is optimised on its own early in a cold run, where one loop
// body with nested iterators stays in the interpreter for most of the 20,000 rows

function malformedWarnings(row: BomRow, index: WarningIndex): void {
  for (let i = 0; i < row.malformed.length; i++)
    index.addForRow(
      makeWarning('malformed_range_in_bom', { row: row.rowNumber, token: row.malformed[i]! }),
      row.rowNumber,
    );
}

function quantityWarning(row: BomRow, index: WarningIndex): void {
  const quantity = quantityValue(row.quantity);
  if (typeof quantity !== 'number' || quantity === row.designators.length) return;
  index.addForRow(
    makeWarning('quantity_mismatch', {
      row: row.rowNumber,
      materialCode: cellText(row.materialCode),
      quantity,
      count: row.designators.length,
    }),
    row.rowNumber,
  );
}

function sideWarnings(row: BomRow, side: 'A' | 'B', list: readonly string[], index: WarningIndex): void {
  if (list.length === 0) return;
  // rows hold a handful of designators: a linear search beats building Sets for each row
  const own = row.designators.length > 32 ? new Set(row.designators) : undefined;
  for (const d of distinct(list))
    if (!(own ? own.has(d) : row.designators.includes(d)))
      index.addForRow(
        makeWarning('side_designator_missing', { row: row.rowNumber, side, designator: d }),
        row.rowNumber,
      );
}

/** BOM-level validation warnings, plus an index of the warnings that concern each row. */
export function bomWarnings(model: BomModel): { warnings: BomWarning[]; byRow: Map<number, BomWarning[]> } {
  const index = new WarningIndex();
  const hasQuantity = model.table.columns.quantity !== undefined;
  for (const row of model.rows) {
    if (row.malformed.length > 0) malformedWarnings(row, index);
    if (hasQuantity && row.designators.length > 0) quantityWarning(row, index);
    sideWarnings(row, 'A', row.top, index);
    sideWarnings(row, 'B', row.bottom, index);
  }
  for (const [designator, rows] of model.duplicates)
    index.addForRows(makeWarning('duplicate_designator', { designator, rows }), rows);
  return { warnings: index.warnings, byRow: index.byRow };
}
