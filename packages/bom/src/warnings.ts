import { firstThatFit } from './json-size';

/**
 * Validation warnings: reported by inspect, in --json, in the 说明 column and on the 校验警告 sheet. They never
 * change cells. The engine gives codes and params; `warningText` (texts.ts) words them in either language.
 */
export interface WarningParams {
  quantity_mismatch: { row: number; materialCode: string; quantity: number; count: number };
  duplicate_designator: { designator: string; rows: number[] };
  side_designator_missing: { row: number; side: 'A' | 'B'; designator: string };
  malformed_range_in_bom: { row: number; token: string };
  op_designators_not_on_bom: { opRow: number; designators: string[] };
  sheet_renamed: { wanted: string; used: string };
  cell_too_long: { row: number; column: string; length: number };
}

export type WarningCode = keyof WarningParams;

export const WARNING_CODES = [
  'quantity_mismatch',
  'duplicate_designator',
  'side_designator_missing',
  'malformed_range_in_bom',
  'op_designators_not_on_bom',
  'sheet_renamed',
  'cell_too_long',
] as const satisfies readonly WarningCode[];

export type BomWarning = {
  [K in WarningCode]: { code: K; params: WarningParams[K] };
}[WarningCode];

export function makeWarning<K extends WarningCode>(code: K, params: WarningParams[K]): BomWarning {
  return { code, params } as BomWarning;
}

/** Warnings listed in results (JSON) by default; the total, the counts per kind and the 校验警告 sheet are exact. */
export const DEFAULT_MAX_WARNINGS = 100_000;

/**
 * About how many JSON characters the listed warnings may take (2 MB; some 20,000 ordinary ones): their params carry the
 * workbook's cells, and one shared string can fill every op row, so a count alone bounds nothing.
 */
export const WARNINGS_MAX_CHARS = 2_000_000;

/** A result's warnings: the first `max` of them that fit, how many there are in all, and how many of each kind. */
export interface WarningList {
  warnings: BomWarning[];
  warningsTotal: number;
  warningCounts: Partial<Record<WarningCode, number>>;
}

export function listWarnings(
  all: readonly BomWarning[],
  max = DEFAULT_MAX_WARNINGS,
  maxChars = WARNINGS_MAX_CHARS,
): WarningList {
  const warningCounts: Partial<Record<WarningCode, number>> = {};
  for (const w of all) warningCounts[w.code] = (warningCounts[w.code] ?? 0) + 1;
  return { warnings: firstThatFit(all, max, maxChars), warningsTotal: all.length, warningCounts };
}

/** The BOM rows a warning is about (none for op and sheet warnings). */
export function warningBomRows(w: BomWarning): number[] {
  switch (w.code) {
    case 'duplicate_designator':
      return [...new Set(w.params.rows)];
    case 'op_designators_not_on_bom':
    case 'sheet_renamed':
      return [];
    default:
      return [w.params.row];
  }
}

/** The operations-sheet row a warning is about, if any. */
export function warningOpRow(w: BomWarning): number | null {
  return w.code === 'op_designators_not_on_bom' ? w.params.opRow : null;
}
