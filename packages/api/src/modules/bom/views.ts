import { maskPhone } from '../sms/phone';
import { resultFileName } from './file-bytes';
import type { BomFileRow, listFiles } from './files-repo';
import type { BomRunRow, listRuns } from './runs-repo';

export function toFileView(row: BomFileRow, reused: boolean) {
  return {
    fileId: row.id,
    kind: row.kind,
    name: row.name,
    size: row.size,
    sha256: row.sha256,
    reused,
    createdAt: row.created_at.toISOString(),
    inspect: row.inspect,
  };
}

type FileListRow = Awaited<ReturnType<typeof listFiles>>[number];

/**
 * Who owns a listed run or upload, as a person reads it: the account, else the display name, else the phone masked as
 * the audit log masks it (a phone-only account has no other name).
 */
function ownerFields(row: { owner_account: string | null; owner_name: string | null; owner_phone: string | null }) {
  return {
    ownerAccount: row.owner_account,
    ownerName: row.owner_name,
    ownerPhoneMasked: row.owner_phone ? maskPhone(row.owner_phone) : null,
  };
}

/** An upload in a list: no inspection, and how many runs use it (a file in use by a pending run cannot be deleted). */
export function toFileListItem(row: FileListRow) {
  return {
    fileId: row.id,
    ownerId: row.owner_id,
    ...ownerFields(row),
    kind: row.kind,
    name: row.name,
    size: row.size,
    runs: row.runs ?? 0,
    createdAt: row.created_at.toISOString(),
  };
}

const iso = (date: Date | null) => (date ? date.toISOString() : null);

function durationMs(startedAt: Date | null, finishedAt: Date | null): number | null {
  return startedAt && finishedAt ? finishedAt.getTime() - startedAt.getTime() : null;
}

export function toRunView(row: BomRunRow) {
  return {
    runId: row.id,
    ownerId: row.owner_id,
    status: row.status,
    attempts: row.attempts,
    opsSource: row.ops_source,
    bomFile: { fileId: row.bom_file_id, name: row.bom_file_name },
    opsFile:
      row.ops_file_id && row.ops_file_name !== null ? { fileId: row.ops_file_id, name: row.ops_file_name } : null,
    ops: row.ops,
    summary: row.summary,
    log: row.log ?? [],
    diff: row.diff ?? [],
    error: row.error,
    result:
      row.status === 'done' && row.result_size !== null
        ? { fileName: resultFileName(row.bom_file_name), size: row.result_size }
        : null,
    queuedAt: row.queued_at.toISOString(),
    startedAt: iso(row.started_at),
    finishedAt: iso(row.finished_at),
    /** From claim to stored result (queue time excluded). */
    durationMs: durationMs(row.started_at, row.finished_at),
    createdAt: row.created_at.toISOString(),
  };
}

type RunListRow = Awaited<ReturnType<typeof listRuns>>[number];

export function toRunListItem(row: RunListRow) {
  const { summary } = row;
  return {
    runId: row.id,
    ownerId: row.owner_id,
    ...ownerFields(row),
    bomFile: { fileId: row.bom_file_id, name: row.bom_file_name },
    opsSource: row.ops_source,
    status: row.status,
    counts: summary?.counts ?? null,
    rowsChanged: summary?.rowsChanged ?? null,
    error: row.error,
    queuedAt: row.queued_at.toISOString(),
    finishedAt: iso(row.finished_at),
    durationMs: durationMs(row.started_at, row.finished_at),
    createdAt: row.created_at.toISOString(),
  };
}
