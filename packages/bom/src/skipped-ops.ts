import type { ChangeLogEntry } from './change-log';
import { jsonSizeUpTo } from './json-size';
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

/**
 * About how many JSON characters the listed ops may take together (1 MB; a few thousand ordinary ops). Their cells
 * come from the workbook and one shared string can fill every op row, one material every BOM row: listed in full,
 * a 177 KB upload came to more than one JSON string can hold, copied between threads and stored with the upload.
 */
export const SKIPPED_OPS_MAX_CHARS = 1_000_000;

/** The skipped ops listed (the first `max` that fit `SKIPPED_OPS_MAX_CHARS`), how many there are and of each status. */
export interface SkippedOpList {
  skippedOps: SkippedOp[];
  skippedOpsTotal: number;
  skippedOpCounts: Partial<Record<SkippedOpStatus, number>>;
}

const isSkipped = (status: OpStatus): status is SkippedOpStatus =>
  (SKIPPED_OP_STATUSES as readonly OpStatus[]).includes(status);

export function listSkippedOps(
  log: readonly ChangeLogEntry[],
  max: number,
  maxChars = SKIPPED_OPS_MAX_CHARS,
): SkippedOpList {
  const skippedOps: SkippedOp[] = [];
  const skippedOpCounts: Partial<Record<SkippedOpStatus, number>> = {};
  let skippedOpsTotal = 0;
  let chars = 0;
  let full = false;
  for (const entry of log) {
    const { status } = entry;
    if (!isSkipped(status)) continue;
    skippedOpsTotal++;
    skippedOpCounts[status] = (skippedOpCounts[status] ?? 0) + 1;
    if (full || skippedOps.length >= max) continue;
    const op: SkippedOp = {
      opRow: entry.seq,
      status,
      materialCode: entry.materialCode,
      op: entry.op,
      designators: entry.designators,
      reasons: entry.notes,
    };
    chars += jsonSizeUpTo(op, maxChars - chars);
    // The list stays the first ops in sheet order, so once one does not fit, none after it is listed.
    if (chars > maxChars) full = true;
    else skippedOps.push(op);
  }
  return { skippedOps, skippedOpsTotal, skippedOpCounts };
}
