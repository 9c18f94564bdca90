import { OP_ROLES, type OpRole } from './columns';
import { BomInputError } from './errors';
import type { BomLimits } from './limits';
import type { OpRow } from './op-row-schema';
import { rawOpFromRow, type RawOp } from './operations';
import { readTable, type Table } from './table';
import { findSheet, openWorkbook, readSheetXml, type OpenedWorkbook } from './xlsx/package';

export const OPS_SHEET_NAME = '操作指示表';

/**
 * Where the operations come from: the BOM workbook's 操作指示表, another workbook (its 操作指示表 when it has one, as
 * the template from `bom template` does, else its first sheet), or online rows.
 */
export type OpsSource =
  | { kind: 'sheet' }
  | { kind: 'workbook'; bytes: Uint8Array }
  | { kind: 'rows'; rows: readonly OpRow[] };

/**
 * `sheetName` undefined: a separate operations workbook, read from its 操作指示表 when it has one (a filled-in copy of
 * the template, whose first sheet is the empty 原表) and from its first sheet otherwise.
 */
export function readOpsTable(
  book: OpenedWorkbook,
  sheetName: string | undefined,
  limits: BomLimits,
  previewRows = 0,
): Table<OpRole> {
  const sheet =
    sheetName === undefined ? (findSheet(book, OPS_SHEET_NAME) ?? book.parts.sheets[0]) : findSheet(book, sheetName);
  if (!sheet) throw new BomInputError('no_ops_sheet', { sheet: sheetName ?? OPS_SHEET_NAME });
  return readTable(readSheetXml(book, sheet), sheet.name, book.sharedStrings, OP_ROLES, limits, { previewRows });
}

export function opsFromTable(table: Table<OpRole>): RawOp[] {
  return table.rows.map((r) => ({
    rowNumber: r.rowNumber,
    level: r.values.level ?? null,
    materialCode: r.values.materialCode ?? null,
    op: r.values.op ?? null,
    designators: r.values.designators ?? null,
    bomRow: r.values.bomRow ?? null,
  }));
}

export function readOps(
  bomBook: OpenedWorkbook,
  source: OpsSource,
  limits: BomLimits,
): { ops: RawOp[]; sheetName: string | null } {
  switch (source.kind) {
    case 'rows':
      return { ops: source.rows.map(rawOpFromRow), sheetName: null };
    case 'sheet': {
      const table = readOpsTable(bomBook, OPS_SHEET_NAME, limits);
      return { ops: opsFromTable(table), sheetName: table.sheetName };
    }
    case 'workbook': {
      const table = readOpsTable(openWorkbook(source.bytes, limits), undefined, limits);
      return { ops: opsFromTable(table), sheetName: table.sheetName };
    }
  }
}
