import { bomSheetOf } from './apply';
import { bomWarnings, readBomModel, type BomModel } from './bom-model';
import type { BomRole, OpRole } from './columns';
import { resolveLimits, type BomLimits } from './limits';
import { OPS_SHEET_NAME, opsFromTable, readOpsTable } from './ops-source';
import { runOps } from './run-ops';
import { listSkippedOps, type SkippedOpList } from './skipped-ops';
import type { PreviewRow, Table } from './table';
import { DEFAULT_MAX_WARNINGS, listWarnings, type WarningList } from './warnings';
import { findSheet, openWorkbook, readSheetXml } from './xlsx/package';
import { columnLetter } from './xlsx/sheet-scanner';

export interface ColumnRole {
  column: string;
  header: string;
}

export interface SheetInspection<R extends string> {
  sheet: string;
  headerRow: number;
  roles: Partial<Record<R, ColumnRole>>;
  /** every header cell, by column letter */
  headers: { column: string; header: string }[];
  dataRowCount: number;
  preview: PreviewRow[];
}

/** An operations sheet dry-run against a BOM: its op-level warnings and the ops the run will skip, writing nothing. */
export type OpsInspection = SheetInspection<OpRole> & WarningList & SkippedOpList;

/**
 * The BOM sheet's warnings are the result's own; the 操作指示表's (a dry run of its ops) are under `ops`, with the ops
 * the run will skip (invalid, not_found, ambiguous).
 */
export interface InspectResult extends WarningList {
  sheets: string[];
  bom: SheetInspection<BomRole>;
  /** the workbook's own 操作指示表, when it has one */
  ops: OpsInspection | null;
}

export interface InspectOptions {
  limits?: Partial<BomLimits>;
  previewRows?: number;
  /** warnings listed, and skipped ops listed (the totals and the counts per kind are exact) */
  maxWarnings?: number;
}

function describe<R extends string>(table: Table<R>): SheetInspection<R> {
  const roles: Partial<Record<R, ColumnRole>> = {};
  for (const [role, col] of Object.entries(table.columns) as [R, number][])
    roles[role] = { column: columnLetter(col), header: table.headers.get(col) ?? '' };
  return {
    sheet: table.sheetName,
    headerRow: table.headerRow,
    roles,
    headers: [...table.headers]
      .toSorted((a, b) => a[0] - b[0])
      .map(([col, header]) => ({ column: columnLetter(col), header })),
    dataRowCount: table.dataRowCount,
    preview: table.preview,
  };
}

function dryRun(
  model: BomModel,
  byRow: ReturnType<typeof bomWarnings>['byRow'],
  table: Table<OpRole>,
  limits: BomLimits,
  maxWarnings: number | undefined,
): OpsInspection {
  // a dry run gives the op-level warnings (designators not on the BOM) and the ops it will skip, writing nothing
  const run = runOps(model, opsFromTable(table), byRow, limits);
  return {
    ...describe(table),
    ...listWarnings(run.opWarnings, maxWarnings),
    ...listSkippedOps(run.log, maxWarnings ?? DEFAULT_MAX_WARNINGS),
  };
}

/** Detects the BOM sheet, header row and column roles, previews the first rows and lists validation warnings. */
export function inspectWorkbook(bytes: Uint8Array, options: InspectOptions = {}): InspectResult {
  const limits = resolveLimits(options.limits);
  const previewRows = options.previewRows ?? 100;
  const book = openWorkbook(bytes, limits);
  const bomSheet = bomSheetOf(book);
  const model = readBomModel(readSheetXml(book, bomSheet), bomSheet.name, book.sharedStrings, limits, previewRows);
  const bom = bomWarnings(model);
  let ops: InspectResult['ops'] = null;
  if (findSheet(book, OPS_SHEET_NAME) && bomSheet.name !== OPS_SHEET_NAME) {
    const table = readOpsTable(book, OPS_SHEET_NAME, limits, previewRows);
    ops = dryRun(model, bom.byRow, table, limits, options.maxWarnings);
  }
  return {
    sheets: book.parts.sheets.map((s) => s.name),
    bom: describe(model.table),
    ops,
    ...listWarnings(bom.warnings, options.maxWarnings),
  };
}

/**
 * The dry run of a separate operations workbook (read as `applyOperations` reads `{ kind: 'workbook' }`)
 * against a BOM workbook: what `inspectWorkbook` gives under `ops` for a BOM's own 操作指示表.
 */
export function dryRunOpsWorkbook(
  bomBytes: Uint8Array,
  opsBytes: Uint8Array,
  options: InspectOptions = {},
): OpsInspection {
  const limits = resolveLimits(options.limits);
  const book = openWorkbook(bomBytes, limits);
  const bomSheet = bomSheetOf(book);
  const model = readBomModel(readSheetXml(book, bomSheet), bomSheet.name, book.sharedStrings, limits, 0);
  const table = readOpsTable(openWorkbook(opsBytes, limits), undefined, limits, options.previewRows ?? 100);
  return dryRun(model, bomWarnings(model).byRow, table, limits, options.maxWarnings);
}
