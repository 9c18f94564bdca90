import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { ApplySummary, ChangeLogEntry, InspectResult, OpRow, RowDiff } from '@arya/bom';
import type { BomFileKind, BomRunStatus } from '@arya/validators/enums';
import type { CreatedAt, Timestamp, UpdatedAt } from './users';

export type { BomFileKind, BomRunStatus };
/**
 * Where a run's operations come from: the BOM workbook's own 操作指示表, an uploaded ops workbook, or rows entered online.
 */
export type BomOpsSource = 'sheet' | 'workbook' | 'rows';

/** Why a run failed, in both languages. */
export interface BomRunFailure {
  code: string;
  message: string;
  messageEn: string;
}

/** The engine's JSON documents, written as JSON text (JSON.stringify) and read back parsed, typed as the engine's. */
type NullableJson<T extends object> = JSONColumnType<T | null, string | null, string | null>;

/**
 * An uploaded workbook. The same bytes uploaded again by the same owner (same kind) reuse the row, so `sha256` is
 * unique per owner and kind among live rows.
 */
export interface BomFilesTable {
  id: Generated<string>;
  owner_id: string;
  kind: BomFileKind;
  /** The file name as uploaded (shown to the user, used for download names). */
  name: string;
  size: number;
  /** hex SHA-256 of `bytes`. */
  sha256: string;
  bytes: Buffer;
  /** The engine's inspection of the workbook, computed once at upload. */
  inspect: JSONColumnType<InspectResult>;
  deleted_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/**
 * A BOM run: queued → running → done | failed. `result`, `summary`, `log`, `diff` and the final status are written in
 * one transaction, so a half-written result is never visible. The queue is this table: workers claim rows with `FOR
 * UPDATE SKIP LOCKED`, keep `heartbeat_at` fresh while running, and a run whose heartbeat stops is recovered.
 */
export interface BomRunsTable {
  id: Generated<string>;
  owner_id: string;
  bom_file_id: string;
  ops_file_id: string | null;
  ops_source: BomOpsSource;
  /** Online op rows (ops_source 'rows'), as validated. */
  ops: NullableJson<OpRow[]>;
  status: ColumnType<BomRunStatus, BomRunStatus | undefined, BomRunStatus>;
  /** How many times a worker has claimed the run (a run is retried once after a crash). */
  attempts: ColumnType<number, number | undefined, number>;
  /** Which server process runs it (null while queued). */
  claimed_by: string | null;
  heartbeat_at: Timestamp | null;
  summary: NullableJson<ApplySummary>;
  log: NullableJson<ChangeLogEntry[]>;
  diff: NullableJson<RowDiff[]>;
  result: Buffer | null;
  result_size: number | null;
  /** Why the run failed: `{ code, message, messageEn }`. */
  error: NullableJson<BomRunFailure>;
  queued_at: Timestamp;
  started_at: Timestamp | null;
  finished_at: Timestamp | null;
  deleted_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}

/**
 * Where-used index: one row per BOM row with a material code of an uploaded BOM workbook, written with the upload (and
 * for older uploads by the migration that made the table), so `bom.whereUsed` never reads stored bytes.
 */
export interface BomMaterialUsesTable {
  file_id: string;
  /** The Excel row number in the BOM sheet. */
  row_number: number;
  /** As the engine matches it: trimmed text, numbers as their integer text. */
  material_code: string;
  level: number | null;
  quantity: number | null;
  /** The row's 位号, expanded, joined with ",". */
  designators: string;
}
