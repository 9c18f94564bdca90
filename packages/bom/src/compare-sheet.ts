import { bomSheetOf, NEW_BOM_SHEET_NAME } from './apply';
import { BOM_ROLES, type RoleSpec } from './columns';
import { parseDesignators } from './designators';
import { BomInputError } from './errors';
import type { BomLimits } from './limits';
import { naturalSortedSet } from './natural-order';
import { readTable, type TableRow } from './table';
import { cellText, materialCodeKey, parseLevel, quantityValue } from './values';
import { findSheet, openWorkbook, readSheetXml, type OpenedWorkbook } from './xlsx/package';
import type { SheetRef } from './xlsx/workbook';

/** The BOM roles plus the description, which only a comparison reads. */
export const COMPARE_ROLES = {
  ...BOM_ROLES,
  description: {
    synonyms: ['物料描述', '对象描述', '描述', '物料名称', 'Description', 'Material Description'],
    required: false,
  },
} as const satisfies Record<string, RoleSpec>;

/** One row with a material code, as a comparison sees it. */
export interface CompareRow {
  rowNumber: number;
  /** (级别, 物料编码) — what rows are matched by */
  key: string;
  materialCode: string;
  /** null when blank or not an integer */
  level: number | null;
  description: string | null;
  /** a number, or the text when it is not numeric; null when blank */
  quantity: number | string | null;
  /** 位号 ∪ A面位号 ∪ B面位号, split, ranges expanded, upper-cased, de-duplicated, in natural order */
  designators: string[];
}

export interface CompareSide {
  sheet: string;
  rows: CompareRow[];
  hasQuantity: boolean;
  hasDescription: boolean;
}

/** The sheet compared: `wanted` when given (exact name, else ignoring case), else 新BOM表, else the BOM sheet. */
export function comparedSheetOf(book: OpenedWorkbook, wanted: string | undefined): SheetRef {
  if (wanted === undefined) return findSheet(book, NEW_BOM_SHEET_NAME) ?? bomSheetOf(book);
  const folded = wanted.trim().toLowerCase();
  const sheet = findSheet(book, wanted) ?? book.parts.sheets.find((s) => s.name.trim().toLowerCase() === folded);
  if (!sheet) throw new BomInputError('no_sheet', { sheet: wanted, sheets: book.parts.sheets.map((s) => s.name) });
  return sheet;
}

function levelKey(text: string, level: number): string {
  if (Number.isNaN(level)) return text.trim();
  return String(level);
}

/** The engine's designator reading; a range it cannot expand (R5-R3) counts as the token written. */
function designatorsOf(text: string): string[] {
  const { items, malformed } = parseDesignators(text);
  return malformed.length === 0 ? items : [...items, ...malformed.map((m) => m.token)];
}

type CompareRole = keyof typeof COMPARE_ROLES;

/** A row as a comparison sees it; undefined when it has no material code. */
function compareRowOf(rowNumber: number, v: TableRow<CompareRole>['values']): CompareRow | undefined {
  const materialCode = materialCodeKey(v.materialCode);
  if (materialCode === null) return undefined;
  const level = parseLevel(v.level);
  const main = designatorsOf(cellText(v.designators));
  const top = designatorsOf(cellText(v.topDesignators));
  const bottom = designatorsOf(cellText(v.bottomDesignators));
  const description = cellText(v.description).trim();
  return {
    rowNumber,
    key: `${level === null ? '' : levelKey(cellText(v.level), level)}\u0000${materialCode}`,
    materialCode,
    level: level === null || Number.isNaN(level) ? null : level,
    description: description === '' ? null : description,
    quantity: quantityValue(v.quantity),
    designators:
      top.length + bottom.length === 0 && main.length < 2 ? main : naturalSortedSet([...main, ...top, ...bottom]),
  };
}

export function readCompareSide(bytes: Uint8Array, sheetName: string | undefined, limits: BomLimits): CompareSide {
  const book = openWorkbook(bytes, limits);
  const sheet = comparedSheetOf(book, sheetName);
  const rows: CompareRow[] = [];
  const onRow = ({ rowNumber, values }: TableRow<CompareRole>) => {
    const row = compareRowOf(rowNumber, values);
    if (row) rows.push(row);
  };
  const table = readTable(readSheetXml(book, sheet), sheet.name, book.sharedStrings, COMPARE_ROLES, limits, { onRow });
  return {
    sheet: sheet.name,
    rows,
    hasQuantity: table.columns.quantity !== undefined,
    hasDescription: table.columns.description !== undefined,
  };
}
