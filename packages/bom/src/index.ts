export {
  applyOperations,
  BOM_SHEET_NAME,
  CHANGE_LOG_SHEET_NAME,
  NEW_BOM_SHEET_NAME,
  WARNINGS_SHEET_NAME,
} from './apply';
export type { ApplyOptions, ApplyPhase, ApplyResult, ApplySummary } from './apply';
export { dryRunOpsWorkbook, inspectWorkbook } from './inspect';
export { COMPARE_STATUSES, compareBoms, compareBomWorkbooks } from './compare';
export type {
  BomComparison,
  CompareOptions,
  CompareRowDiff,
  CompareStatus,
  CompareSummary,
  DesignatorMove,
  WorkbookComparison,
} from './compare';
export {
  buildComparisonWorkbook,
  COMPARE_DETAIL_HEADERS,
  COMPARE_DETAIL_SHEET_NAME,
  COMPARE_STATUS_WORDS,
  COMPARE_SUMMARY_SHEET_NAME,
} from './compare-workbook';
export type { CompareFileNames } from './compare-workbook';
export { naturalCompare } from './natural-order';
export { listMaterialRows, type MaterialRow } from './material-rows';
export type { ColumnRole, InspectOptions, InspectResult, OpsInspection, SheetInspection } from './inspect';
export { SKIPPED_OP_STATUSES } from './skipped-ops';
export type { SkippedOp, SkippedOpList, SkippedOpStatus } from './skipped-ops';
export { OPS_SHEET_NAME } from './ops-source';
export type { OpsSource } from './ops-source';
export { validateOpRows, parseOpKind } from './operations';
export type { OpKind, OpProblem, OpRowErrors } from './operations';
export { opRowSchema, opRowsSchema } from './op-row-schema';
export type { OpRow } from './op-row-schema';
export { buildTemplate } from './template';
export { joinDesignators, MAX_LIST_ITEMS, parseDesignators, splitTokens } from './designators';
export type { MalformedRange, ParsedDesignators } from './designators';
export { expandRange, MAX_RANGE_ITEMS } from './ranges';
export type { MalformedReason, RangeResult } from './ranges';
export { materialCodeKey, parseLevel } from './values';
export type { CellValue } from './values';
export { OP_STATUSES } from './statuses';
export type { OpStatus } from './statuses';
export { CHANGE_LOG_HEADERS, changeLogNote } from './change-log';
export type { ChangeLogEntry } from './change-log';
export type { LogNote, NoteCode, NoteParams } from './notes';
export { WARNINGS_SHEET_HEADERS } from './output-sheets';
export {
  BOM_LANGS,
  noteText,
  parseBomLang,
  problemText,
  rangeReasonText,
  statusWord,
  warningKindName,
  warningText,
} from './texts';
export type { BomLang } from './texts';
export type { RowDiff } from './output-sheets';
export { DEFAULT_MAX_WARNINGS, WARNING_CODES } from './warnings';
export type { BomWarning, WarningCode, WarningList, WarningParams } from './warnings';
export { BomInputError, isBomInputError } from './errors';
export type { BomInputErrorCode, BomInputErrorParams } from './errors';
export { DEFAULT_LIMITS } from './limits';
export type { BomLimits } from './limits';
export { BOM_ROLES, OP_ROLES } from './columns';
export type { BomRole, OpRole } from './columns';
