import { BOM_ROLES, type BomRole } from './columns';
import { parseDesignators, type ParsedDesignators } from './designators';
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
  /** every designator in any 位号 cell → the first row it is on */
  designatorRow: Map<string, number>;
  /** designators on more than one row (or twice in one row) → every row they are on */
  duplicates: Map<string, number[]>;
}

const NONE: string[] = [];

function bomRowOf(r: TableRow<BomRole>): BomRow {
  const v = r.values;
  const main = parseDesignators(cellText(v.designators));
  const top = parseDesignators(cellText(v.topDesignators));
  const bottom = parseDesignators(cellText(v.bottomDesignators));
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

/** Every designator → the first row it is on; a designator met again goes to `duplicates` with all its rows. */
function indexDesignators(row: BomRow, designatorRow: Map<string, number>, duplicates: Map<string, number[]>): void {
  for (let i = 0; i < row.designators.length; i++) {
    const d = row.designators[i]!;
    const first = designatorRow.get(d);
    if (first === undefined) designatorRow.set(d, row.rowNumber);
    else addDuplicate(duplicates, d, first, row.rowNumber);
  }
}

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
  const designatorRow = new Map<string, number>();
  const duplicates = new Map<string, number[]>();
  // small functions per step: each is optimised on its own after a few rows, where one large loop body would wait
  // for on-stack replacement and fall back to the interpreter at every rare branch (a duplicate, a malformed range)
  const onRow = (r: TableRow<BomRole>) => {
    const row = bomRowOf(r);
    rows.push(row);
    if (row.designators.length > 0) indexDesignators(row, designatorRow, duplicates);
    if (row.materialKey !== null) addToList(byMaterial, row.materialKey, row);
  };
  const table = readTable(xml, sheetName, sharedStrings, BOM_ROLES, limits, { previewRows, onRow });
  return { table, rows, byMaterial, designatorRow, duplicates };
}

const distinct = (list: readonly string[]) =>
  list.length > 32 ? [...new Set(list)] : list.filter((d, i) => list.indexOf(d) === i);

/** BOM-level validation warnings, plus an index of the warnings that concern each row. */
export function bomWarnings(model: BomModel): { warnings: BomWarning[]; byRow: Map<number, BomWarning[]> } {
  const warnings: BomWarning[] = [];
  const byRow = new Map<number, BomWarning[]>();
  const add = (w: BomWarning, rows: readonly number[]) => {
    warnings.push(w);
    for (const r of new Set(rows)) {
      const list = byRow.get(r);
      if (list) list.push(w);
      else byRow.set(r, [w]);
    }
  };
  const hasQuantity = model.table.columns.quantity !== undefined;
  for (const row of model.rows) {
    for (const token of row.malformed)
      add(makeWarning('malformed_range_in_bom', { row: row.rowNumber, token }), [row.rowNumber]);
    const quantity = hasQuantity && row.designators.length > 0 ? quantityValue(row.quantity) : null;
    if (typeof quantity === 'number' && quantity !== row.designators.length) {
      add(
        makeWarning('quantity_mismatch', {
          row: row.rowNumber,
          materialCode: cellText(row.materialCode),
          quantity,
          count: row.designators.length,
        }),
        [row.rowNumber],
      );
    }
    if (row.top.length === 0 && row.bottom.length === 0) continue;
    // rows hold a handful of designators: a linear search beats building Sets for each row
    const own = row.designators.length > 32 ? new Set(row.designators) : undefined;
    const has = (d: string) => (own ? own.has(d) : row.designators.includes(d));
    for (const [side, list] of [
      ['A', row.top],
      ['B', row.bottom],
    ] as const) {
      for (const d of distinct(list))
        if (!has(d))
          add(makeWarning('side_designator_missing', { row: row.rowNumber, side, designator: d }), [row.rowNumber]);
    }
  }
  for (const [designator, rows] of model.duplicates)
    add(makeWarning('duplicate_designator', { designator, rows }), rows);
  return { warnings, byRow };
}
