import { HEADER_SEARCH_ROWS, matchRoles, type RoleSpec } from './columns';
import { BomInputError } from './errors';
import { jsonSizeUpTo } from './json-size';
import type { BomLimits } from './limits';
import { cellText, isBlank, type CellValue } from './values';
import type { SharedStrings } from './xlsx/shared-strings';
import {
  CellCursor,
  readCellValue,
  scanCells,
  scanRows,
  sheetLayout,
  type ScannedRow,
  type SheetLayout,
} from './xlsx/sheet-scanner';

/** One sheet read as a table: header row found, role columns located, data rows with their role values. */
export interface TableRow<R extends string> {
  rowNumber: number;
  row: ScannedRow;
  values: Partial<Record<R, CellValue>>;
}

export interface PreviewRow {
  rowNumber: number;
  /** values by column, index 0 = column A */
  values: CellValue[];
}

export interface Table<R extends string> {
  sheetName: string;
  xml: string;
  layout: SheetLayout;
  headerRow: number;
  /** role → 1-based column */
  columns: Partial<Record<R, number>>;
  /** 1-based column → header text */
  headers: Map<number, string>;
  rows: TableRow<R>[];
  /** Rows below the header with at least one non-empty cell (a value or a formula). */
  dataRowCount: number;
  preview: PreviewRow[];
}

export interface ReadTableOptions<R extends string> {
  previewRows?: number;
  /**
   * Takes each data row as it is read, instead of `rows` (left empty): what the caller builds from a row is all that
   * stays, and the row's own objects die young, never copied by the garbage collector.
   */
  onRow?: (row: TableRow<R>) => void;
}

/** A preview shows a cell's first characters: one shared string can fill every cell of the previewed rows. */
export const PREVIEW_CELL_MAX_CHARS = 1000;
/** About how many JSON characters a sheet's preview may take; the rows after that are not previewed. */
export const PREVIEW_MAX_CHARS = 1_000_000;

function previewCell(value: CellValue): CellValue {
  if (typeof value !== 'string' || value.length <= PREVIEW_CELL_MAX_CHARS) return value;
  let cut = value.slice(0, PREVIEW_CELL_MAX_CHARS - 1);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1); // never half a surrogate pair
  return `${cut}…`;
}

export function readTable<R extends string>(
  xml: string,
  sheetName: string,
  sharedStrings: SharedStrings,
  roles: Record<R, RoleSpec>,
  limits: BomLimits,
  options: ReadTableOptions<R> = {},
): Table<R> {
  const layout = sheetLayout(xml);
  const previewLimit = options.previewRows ?? 0;
  const materialSynonyms = new Set(
    (roles as Record<string, RoleSpec>)['materialCode']?.synonyms.map((s) => s.trim().toLowerCase()),
  );
  let headerRow = -1;
  let headers = new Map<number, string>();
  let columns: Partial<Record<R, number>> = {};
  let roleAt: (R | undefined)[] = [];
  const cursor = new CellCursor(xml, layout.prefix);
  const rows: TableRow<R>[] = [];
  const preview: PreviewRow[] = [];
  let dataRowCount = 0;
  let seen = 0;
  let headerWidth = 0;
  let previewChars = 0;

  scanRows(xml, layout, (row) => {
    if (++seen > limits.maxRows) throw new BomInputError('too_many_rows', { sheet: sheetName, limit: limits.maxRows });
    if (headerRow < 0) {
      if (row.rowNumber > HEADER_SEARCH_ROWS) return false;
      const texts = new Map<number, string>();
      for (const cell of scanCells(xml, row, layout.prefix)) {
        const value = readCellValue(cell, sharedStrings, layout.prefix);
        if (!isBlank(value)) texts.set(cell.col, cellText(value));
      }
      if ([...texts.values()].some((t) => materialSynonyms.has(t.trim().toLowerCase()))) {
        headerRow = row.rowNumber;
        headers = texts;
        columns = matchRoles(roles, texts);
        headerWidth = Math.max(...texts.keys());
        roleAt = [];
        for (const [role, col] of Object.entries(columns) as [R, number][]) roleAt[col] = role;
      }
      return true;
    }
    const values: Partial<Record<R, CellValue>> = {};
    let anyValue = false;
    const previewing = preview.length < previewLimit && previewChars <= PREVIEW_MAX_CHARS;
    const previewValues: CellValue[] | undefined = previewing ? [] : undefined;
    cursor.reset(row);
    while (cursor.next()) {
      const role = roleAt[cursor.col];
      if (role === undefined && !previewValues) {
        if (!anyValue) anyValue = cursor.hasContent();
        continue;
      }
      const value = cursor.value(sharedStrings);
      if (!anyValue) anyValue = !isBlank(value) || cursor.hasContent();
      if (role !== undefined) values[role] = value;
      if (previewValues) previewValues[cursor.col - 1] = previewCell(value);
    }
    if (anyValue) dataRowCount++;
    if (previewValues) {
      // every preview row spans at least the header's columns, so the rows line up
      const width = Math.max(previewValues.length, headerWidth);
      for (let c = 0; c < width; c++) previewValues[c] ??= null;
      // a row past the budget ends the preview (a row may hold 16,384 cells)
      previewChars += jsonSizeUpTo(previewValues, PREVIEW_MAX_CHARS - previewChars);
      if (previewChars <= PREVIEW_MAX_CHARS) preview.push({ rowNumber: row.rowNumber, values: previewValues });
    }
    const tableRow = { rowNumber: row.rowNumber, row, values };
    if (options.onRow) options.onRow(tableRow);
    else rows.push(tableRow);
    return true;
  });

  const materialLabel = (roles as Record<string, RoleSpec>)['materialCode']?.synonyms.join(' / ') ?? '';
  if (headerRow < 0) throw new BomInputError('no_header', { sheet: sheetName, expected: materialLabel });
  for (const role of Object.keys(roles) as R[]) {
    if (roles[role].required && columns[role] === undefined) {
      throw new BomInputError('missing_column', { sheet: sheetName, column: roles[role].synonyms.join(' / ') });
    }
  }
  return { sheetName, xml, layout, headerRow, columns, headers, rows, dataRowCount, preview };
}
