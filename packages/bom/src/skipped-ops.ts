import type { ChangeLogEntry } from './change-log';
import type { LogNote } from './notes';
import type { OpStatus } from './statuses';
import type { CellValue } from './values';

/** The statuses of an op that will change nothing because it cannot run: invalid, or no single row to change. */
export const SKIPPED_OP_STATUSES = ['invalid', 'not_found', 'ambiguous'] as const satisfies readonly OpStatus[];
export type SkippedOpStatus = (typeof SKIPPED_OP_STATUSES)[number];

/** An op of the dry run that will be logged as invalid, not_found or ambiguous: what it says and why it is skipped. */
export interface SkippedOp {
  /** the op's Excel row number in its sheet (the change log's 序号) */
  opRow: number;
  status: SkippedOpStatus;
  /** 物料编码, as given in the op row */
  materialCode: CellValue;
  /** add/del, or the raw trimmed text when invalid */
  op: string;
  /** the requested designators joined by "," */
  designators: string;
  /** why, as the change log's 说明 notes (`noteText` words them) */
  reasons: LogNote[];
}

/** The skipped ops listed (the first `max`), how many there are and how many of each status. */
export interface SkippedOpList {
  skippedOps: SkippedOp[];
  skippedOpsTotal: number;
  skippedOpCounts: Partial<Record<SkippedOpStatus, number>>;
}

const isSkipped = (status: OpStatus): status is SkippedOpStatus =>
  (SKIPPED_OP_STATUSES as readonly OpStatus[]).includes(status);

export function listSkippedOps(log: readonly ChangeLogEntry[], max: number): SkippedOpList {
  const skippedOps: SkippedOp[] = [];
  const skippedOpCounts: Partial<Record<SkippedOpStatus, number>> = {};
  let skippedOpsTotal = 0;
  for (const entry of log) {
    const { status } = entry;
    if (!isSkipped(status)) continue;
    skippedOpsTotal++;
    skippedOpCounts[status] = (skippedOpCounts[status] ?? 0) + 1;
    if (skippedOps.length >= max) continue;
    skippedOps.push({
      opRow: entry.seq,
      status,
      materialCode: entry.materialCode,
      op: entry.op,
      designators: entry.designators,
      reasons: entry.notes,
    });
  }
  return { skippedOps, skippedOpsTotal, skippedOpCounts };
}
