import { createHash, randomBytes } from 'node:crypto';
import type { z } from 'zod';
import { buildTemplate, problemText, validateOpRows, type OpRow } from '@arya/bom';
import type { BomFileKind, BomOpsSource, BomRunStatus } from '@arya/db';
import type { RequestInfo } from '../../context';
import type { ApiDeps } from '../../deps';
import { AppError } from '../../errors';
import { recordAudit } from '../../lib/audit';
import { decodeCursor, keysetPage } from '../../lib/pagination';
import type { Locale } from '../../messages';
import type { EngineRefusal } from './engine-task';
import { cleanFileName, resultFileName, sniffWorkbook, XLSX_CONTENT_TYPE } from './files';
import { downloadTicketKey } from './keys';
import { isFinalEvent, publishRunEvent, type RunEvent } from './progress';
import * as repo from './repo';
import type { listFilesInput, listRunsInput } from './schemas';
import { toFileListItem, toFileView, toRunListItem, toRunView, type RunFailure } from './views';

type BomDeps = Pick<ApiDeps, 'db' | 'redis' | 'clock' | 'config' | 'bomPool' | 'bomQueue'>;

/** Who is asking: their id and whether they may see everyone's files and runs (from `auth/access.ts`). */
export interface Viewer {
  userId: string;
  isAdmin: boolean;
}

const canSee = (viewer: Viewer, ownerId: string) => viewer.isAdmin || viewer.userId === ownerId;

/** The engine's limits with the upload size as the input cap. */
export function engineLimits(config: ApiDeps['config']) {
  return { maxInputBytes: config.UPLOAD_MAX_BYTES };
}

// ── template ────────────────────────────────────────────────────────────────

export function getTemplate() {
  return {
    fileName: 'BOM模板.xlsx',
    contentType: XLSX_CONTENT_TYPE,
    base64: Buffer.from(buildTemplate()).toString('base64'),
  };
}

// ── files ───────────────────────────────────────────────────────────────────

const MiB = 1024 * 1024;
const megabytes = (bytes: number) => Math.round((bytes / MiB) * 10) / 10;

/** The engine refused the workbook: the same cases a user can fix, each with its own text. */
export function refusalError(refusal: EngineRefusal): AppError {
  switch (refusal.code) {
    case 'not_xlsx':
      return new AppError('BAD_REQUEST', 'bom.notXlsx', { reason: refusal.messageEn });
    case 'xls_not_supported':
      return new AppError('BAD_REQUEST', 'bom.xlsNotSupported');
    default:
      return new AppError(refusal.code === 'too_large' ? 'PAYLOAD_TOO_LARGE' : 'BAD_REQUEST', 'bom.workbookRejected', {
        engineCode: refusal.code,
        detailZh: refusal.messageZh,
        detailEn: refusal.messageEn,
      });
  }
}

export interface UploadInput {
  kind: BomFileKind;
  file: Blob;
  name: string;
}

/**
 * Checks size and content before anything is stored, inspects the workbook in the worker pool, then stores it, or
 * returns the stored file when this owner already uploaded the same bytes.
 */
export async function uploadFile(deps: BomDeps, viewer: Viewer, input: UploadInput, request: RequestInfo) {
  const limit = deps.config.UPLOAD_MAX_BYTES;
  if (input.file.size === 0) throw new AppError('BAD_REQUEST', 'bom.fileEmpty');
  if (input.file.size > limit) {
    throw new AppError('PAYLOAD_TOO_LARGE', 'bom.fileTooLarge', {
      sizeMb: megabytes(input.file.size),
      limitMb: megabytes(limit),
    });
  }
  const bytes = Buffer.from(await input.file.arrayBuffer());
  const sniffed = sniffWorkbook(bytes);
  if (sniffed === 'cfb') throw new AppError('BAD_REQUEST', 'bom.xlsNotSupported');
  if (sniffed === 'other') throw new AppError('BAD_REQUEST', 'bom.notXlsx');

  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const existing = await repo.findLiveFileBySha(deps.db, viewer.userId, input.kind, sha256);
  if (existing) return toFileView(existing, true);

  const inspected = await deps.bomPool.inspect({ bytes, limits: engineLimits(deps.config) });
  if (!inspected.ok) throw refusalError(inspected.refusal);

  const now = deps.clock.now();
  const stored = await deps.db.transaction().execute(async (trx) => {
    const outcome = await repo.insertFileOrReuse(trx, {
      ownerId: viewer.userId,
      kind: input.kind,
      name: cleanFileName(input.name),
      sha256,
      bytes,
      inspect: inspected.value as unknown as Record<string, unknown>,
      at: now,
    });
    if (!outcome.reused) {
      await recordAudit(trx, request, {
        action: 'bom.file_uploaded',
        actorUserId: viewer.userId,
        subjectUserId: viewer.userId,
        at: now,
        details: { fileId: outcome.row.id, kind: input.kind, name: outcome.row.name, size: bytes.byteLength, sha256 },
      });
    }
    return outcome;
  });
  return toFileView(stored.row, stored.reused);
}

/** The live file if the viewer may see it (else NOT_FOUND), of `kind` when one is asked for (else BAD_REQUEST). */
async function requireVisibleFile(deps: Pick<ApiDeps, 'db'>, viewer: Viewer, fileId: string, kind?: BomFileKind) {
  const file = await repo.findLiveFile(deps.db, fileId);
  if (!file || !canSee(viewer, file.owner_id)) throw new AppError('NOT_FOUND', 'bom.fileNotFound');
  if (kind !== undefined && file.kind !== kind)
    throw new AppError('BAD_REQUEST', 'bom.fileWrongKind', { name: file.name, actual: file.kind, expected: kind });
  return file;
}

/**
 * Every row of an uploaded BOM that has a material code, read from the stored bytes in a worker thread: the online
 * editor offers codes, levels and rows from the whole BOM, not only the preview.
 */
export async function listFileMaterialRows(deps: BomDeps, viewer: Viewer, fileId: string) {
  await requireVisibleFile(deps, viewer, fileId, 'bom');
  const bytes = await repo.readFileBytes(deps.db, fileId);
  if (!bytes) throw new AppError('NOT_FOUND', 'bom.fileNotFound');
  const listed = await deps.bomPool.materialRows({ bytes, limits: engineLimits(deps.config) });
  if (!listed.ok) throw refusalError(listed.refusal);
  return { rows: listed.value };
}

/** Deletes an upload (its bytes go at once); runs that used it stay, with its name. Refused while a run needs it. */
export async function deleteFile(
  deps: Pick<ApiDeps, 'db' | 'clock'>,
  viewer: Viewer,
  fileId: string,
  request: RequestInfo,
) {
  const file = await requireVisibleFile(deps, viewer, fileId);
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    // The lock waits for runs being created from this file (they hold it shared), so their rows are seen here.
    if ((await repo.lockLiveFiles(trx, [fileId], 'update')) === 0) throw new AppError('NOT_FOUND', 'bom.fileNotFound');
    if (await repo.isFileInPendingRun(trx, fileId)) throw new AppError('CONFLICT', 'bom.fileInUse');
    await repo.softDeleteFile(trx, fileId, now);
    await recordAudit(trx, request, {
      action: 'bom.file_deleted',
      actorUserId: viewer.userId,
      subjectUserId: file.owner_id,
      at: now,
      details: { fileId, name: file.name, kind: file.kind },
    });
  });
  return { ok: true as const };
}

/**
 * Retention (`BOM_RETENTION_DAYS`): deletes finished runs and unused uploads older than that, in one transaction with
 * one audit row. Idempotent, so every instance may run it. Returns what it deleted.
 */
export async function pruneExpiredBomData(
  deps: Pick<ApiDeps, 'db' | 'clock' | 'config'>,
): Promise<{ runs: number; files: number }> {
  const days = deps.config.BOM_RETENTION_DAYS;
  if (days === undefined) return { runs: 0, files: 0 };
  const now = deps.clock.now();
  const before = new Date(now.getTime() - days * 24 * 60 * 60 * 1000);
  return deps.db.transaction().execute(async (trx) => {
    const runs = await repo.expireFinishedRuns(trx, before, now);
    const files = await repo.expireUnusedFiles(trx, before, now);
    if (runs + files > 0) {
      await recordAudit(trx, null, {
        action: 'bom.retention_pruned',
        actorUserId: null,
        subjectUserId: null,
        at: now,
        details: { runs, files, retentionDays: days },
      });
    }
    return { runs, files };
  });
}

export async function getFile(deps: Pick<ApiDeps, 'db'>, viewer: Viewer, fileId: string) {
  const file = await requireVisibleFile(deps, viewer, fileId);
  return toFileView(file, false);
}

// ── runs ────────────────────────────────────────────────────────────────────

export interface CreateRunInput {
  bomFileId: string;
  opsFileId?: string | undefined;
  ops?: OpRow[] | undefined;
}

const isBlankRow = (row: OpRow) => [row.materialCode, row.op, row.designators].every((v) => String(v).trim() === '');

/** Per-row problems of online ops in the caller's language, keyed `ops.<index>` so a form can show them by each row. */
function checkOnlineOps(rows: OpRow[], locale: Locale): void {
  if (rows.every(isBlankRow)) throw new AppError('BAD_REQUEST', 'bom.opsEmpty');
  const problems = validateOpRows(rows);
  const first = problems[0];
  if (!first) return;
  throw new AppError(
    'BAD_REQUEST',
    'bom.invalidOpRows',
    // rows are numbered as in a sheet with its header in row 1, like the change log's 序号
    { count: problems.length, firstRow: first.index + 2 },
    {
      fieldErrors: Object.fromEntries(
        problems.map((p) => [`ops.${p.index}`, p.problems.map((problem) => problemText(problem, locale))]),
      ),
    },
  );
}

/** Validates the inputs, queues the run and returns at once; a worker picks it up (see runner.ts). */
export async function createRun(
  deps: BomDeps,
  viewer: Viewer,
  input: CreateRunInput,
  request: RequestInfo,
  locale: Locale,
): Promise<{ runId: string }> {
  if (input.opsFileId && input.ops) throw new AppError('BAD_REQUEST', 'bom.opsSourceConflict');
  const bomFile = await requireVisibleFile(deps, viewer, input.bomFileId, 'bom');
  let opsSource: BomOpsSource = 'sheet';
  if (input.opsFileId) {
    await requireVisibleFile(deps, viewer, input.opsFileId, 'ops');
    opsSource = 'workbook';
  } else if (input.ops) {
    checkOnlineOps(input.ops, locale);
    opsSource = 'rows';
  } else {
    const inspect = toFileView(bomFile, false).inspect;
    if (!inspect.ops) throw new AppError('BAD_REQUEST', 'bom.noOpsSheet');
  }

  const now = deps.clock.now();
  const run = await deps.db.transaction().execute(async (trx) => {
    // A file deleted since it was checked above is gone now; a deletion that comes later waits for this run.
    const fileIds = input.opsFileId ? [bomFile.id, input.opsFileId] : [bomFile.id];
    if ((await repo.lockLiveFiles(trx, fileIds, 'share')) !== fileIds.length)
      throw new AppError('NOT_FOUND', 'bom.fileNotFound');
    const inserted = await repo.insertRun(trx, {
      ownerId: viewer.userId,
      bomFileId: bomFile.id,
      opsFileId: input.opsFileId ?? null,
      opsSource,
      ops: opsSource === 'rows' && input.ops ? input.ops : null,
      at: now,
    });
    await recordAudit(trx, request, {
      action: 'bom.run_created',
      actorUserId: viewer.userId,
      subjectUserId: viewer.userId,
      at: now,
      details: {
        runId: inserted.id,
        bomFileId: bomFile.id,
        opsSource,
        opsFileId: input.opsFileId ?? null,
        opsRows: input.ops?.length ?? null,
      },
    });
    return inserted;
  });
  await publishRunEvent(deps.redis, run.id, { status: 'queued', phase: 'queued', percent: 0 });
  deps.bomQueue.notify();
  return { runId: run.id };
}

async function requireVisibleRun(deps: Pick<ApiDeps, 'db'>, viewer: Viewer, runId: string) {
  const run = await repo.findLiveRun(deps.db, runId);
  if (!run || !canSee(viewer, run.owner_id)) throw new AppError('NOT_FOUND', 'bom.runNotFound');
  return run;
}

export async function getRun(deps: Pick<ApiDeps, 'db'>, viewer: Viewer, runId: string) {
  return toRunView(await requireVisibleRun(deps, viewer, runId));
}

/** Whose rows a list shows: a user their own; an admin everyone's, or the one owner asked for. */
function listOwner(viewer: Viewer, ownerId: string | undefined): string | undefined {
  if (ownerId && ownerId !== viewer.userId && !viewer.isAdmin)
    throw new AppError('FORBIDDEN', 'bom.ownerFilterForbidden');
  return viewer.isAdmin ? ownerId : viewer.userId;
}

/** A user's own uploads, newest first; admins see everyone's, optionally one owner's. */
export async function listFilesPage(deps: Pick<ApiDeps, 'db'>, viewer: Viewer, input: z.infer<typeof listFilesInput>) {
  const after = input.cursor ? decodeCursor(input.cursor) : undefined;
  const rows = await repo.listFiles(deps.db, {
    ownerId: listOwner(viewer, input.ownerId),
    kind: input.kind,
    after,
    limit: input.limit,
  });
  return keysetPage(rows, input.limit, toFileListItem);
}

/** A user's own runs, newest first; admins see everyone's, optionally one owner's. */
export async function listRunsPage(deps: Pick<ApiDeps, 'db'>, viewer: Viewer, input: z.infer<typeof listRunsInput>) {
  const after = input.cursor ? decodeCursor(input.cursor) : undefined;
  const rows = await repo.listRuns(deps.db, {
    ownerId: listOwner(viewer, input.ownerId),
    status: input.status,
    after,
    limit: input.limit,
  });
  return keysetPage(rows, input.limit, toRunListItem);
}

export async function deleteRun(
  deps: Pick<ApiDeps, 'db' | 'clock'>,
  viewer: Viewer,
  runId: string,
  request: RequestInfo,
) {
  const run = await requireVisibleRun(deps, viewer, runId);
  if (run.status === 'running') throw new AppError('CONFLICT', 'bom.runStillRunning');
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    await repo.softDeleteRun(trx, runId, now);
    await recordAudit(trx, request, {
      action: 'bom.run_deleted',
      actorUserId: viewer.userId,
      subjectUserId: run.owner_id,
      at: now,
      details: { runId, status: run.status },
    });
  });
  return { ok: true as const };
}

// ── progress ────────────────────────────────────────────────────────────────

/** The event that stands for a run's stored state (used when its stream has expired or is missing). */
export function eventFromStoredRun(run: { status: BomRunStatus; error: unknown }): RunEvent {
  switch (run.status) {
    case 'done':
      return { status: 'done', phase: 'done', percent: 100 };
    case 'failed':
      return {
        status: 'failed',
        phase: 'failed',
        percent: 100,
        ...(run.error ? { error: run.error as RunFailure } : {}),
      };
    case 'running':
      return { status: 'running', phase: 'read', percent: 0 };
    case 'queued':
      return { status: 'queued', phase: 'queued', percent: 0 };
  }
}

/** Checks the viewer may follow the run; returns a function the follower calls when its stream is quiet. */
export async function progressSource(deps: Pick<ApiDeps, 'db'>, viewer: Viewer, runId: string) {
  await requireVisibleRun(deps, viewer, runId);
  return async (): Promise<RunEvent | null> => {
    const run = await repo.findLiveRun(deps.db, runId);
    if (!run)
      return {
        status: 'failed',
        phase: 'failed',
        percent: 100,
        error: { code: 'deleted', message: '运行记录已删除', messageEn: 'The run was deleted' },
      };
    const event = eventFromStoredRun(run);
    return isFinalEvent(event) ? event : null;
  };
}

// ── downloads ───────────────────────────────────────────────────────────────

type DownloadTarget = { kind: 'result'; runId: string } | { kind: 'file'; fileId: string };

async function issueTicket(
  deps: Pick<ApiDeps, 'redis' | 'config' | 'clock'>,
  target: DownloadTarget,
  fileName: string,
) {
  const ticket = randomBytes(32).toString('base64url');
  const ttl = deps.config.BOM_DOWNLOAD_TTL_SECONDS;
  await deps.redis.set(downloadTicketKey(ticket), JSON.stringify(target), 'EX', ttl);
  return {
    url: `/files/${ticket}`,
    fileName,
    expiresAt: new Date(deps.clock.now().getTime() + ttl * 1000).toISOString(),
  };
}

/** A short-lived link to the run's result workbook, for a plain browser GET (which cannot send the access token). */
export async function issueResultDownload(
  deps: Pick<ApiDeps, 'db' | 'redis' | 'config' | 'clock'>,
  viewer: Viewer,
  runId: string,
) {
  const run = await requireVisibleRun(deps, viewer, runId);
  if (run.status !== 'done') throw new AppError('CONFLICT', 'bom.runNotFinished', { status: run.status });
  return issueTicket(deps, { kind: 'result', runId }, resultFileName(run.bom_file_name));
}

/** A short-lived link to an uploaded workbook, as uploaded. */
export async function issueFileDownload(
  deps: Pick<ApiDeps, 'db' | 'redis' | 'config' | 'clock'>,
  viewer: Viewer,
  fileId: string,
) {
  const file = await requireVisibleFile(deps, viewer, fileId);
  return issueTicket(deps, { kind: 'file', fileId }, file.name);
}

export interface Download {
  fileName: string;
  contentType: string;
  bytes: Buffer;
}

function parseTarget(json: string): DownloadTarget | null {
  const value: unknown = JSON.parse(json);
  if (typeof value !== 'object' || value === null) return null;
  const target = value as Record<string, unknown>;
  if (target['kind'] === 'result' && typeof target['runId'] === 'string')
    return { kind: 'result', runId: target['runId'] };
  if (target['kind'] === 'file' && typeof target['fileId'] === 'string')
    return { kind: 'file', fileId: target['fileId'] };
  return null;
}

/**
 * What a download link gives, or null when the link is unknown, expired, or its run or file was deleted since. The
 * ticket may be used again until it expires (browsers and download managers retry).
 */
export async function openDownload(deps: Pick<ApiDeps, 'db' | 'redis'>, ticket: string): Promise<Download | null> {
  if (!/^[\w-]{43}$/.test(ticket)) return null;
  const json = await deps.redis.get(downloadTicketKey(ticket));
  const target = json ? parseTarget(json) : null;
  if (!target) return null;
  if (target.kind === 'result') {
    const run = await repo.findLiveRun(deps.db, target.runId);
    const bytes = run ? await repo.readRunResult(deps.db, target.runId) : null;
    if (!run || !bytes) return null;
    return { fileName: resultFileName(run.bom_file_name), contentType: XLSX_CONTENT_TYPE, bytes };
  }
  const file = await repo.findLiveFile(deps.db, target.fileId);
  const bytes = file ? await repo.readFileBytes(deps.db, target.fileId) : undefined;
  if (!file || !bytes) return null;
  return { fileName: file.name, contentType: XLSX_CONTENT_TYPE, bytes };
}
