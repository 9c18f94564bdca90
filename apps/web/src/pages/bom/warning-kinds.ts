import { WARNING_CODES, type WarningCode } from '@arya/bom';
import type { UploadedWorkbook } from '../../lib/upload-workbook';
import type { Run } from './run-labels';

export type Warning = UploadedWorkbook['inspect']['warnings'][number] | NonNullable<Run['summary']>['warnings'][number];

export type WarningCounts = Partial<Record<WarningCode, number>>;

/** The kinds present, in the engine's order, with how many of each (the engine's exact counts when it gave them). */
export function warningKinds(
  warnings: readonly Warning[],
  counts: WarningCounts | undefined,
): { code: WarningCode; count: number }[] {
  const exact = counts ?? countByKind(warnings);
  return WARNING_CODES.flatMap((code) => {
    const count = exact[code] ?? 0;
    return count > 0 ? [{ code, count }] : [];
  });
}

function countByKind(warnings: readonly Warning[]): WarningCounts {
  const counts: WarningCounts = {};
  for (const warning of warnings) counts[warning.code] = (counts[warning.code] ?? 0) + 1;
  return counts;
}
