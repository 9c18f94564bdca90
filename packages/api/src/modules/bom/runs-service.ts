import type { z } from 'zod';
import { problemText, validateOpRows, type OpRow } from '@arya/bom';
import type { BomOpsSource } from '@arya/db';
import type { RequestInfo } from '../../context';
import type { ApiDeps } from '../../deps';
import { AppError } from '../../errors';
import { recordAudit } from '../../lib/audit';
import { decodeCursor, keysetPage } from '../../lib/pagination';
import type { Locale } from '../../messages';
import { lockLiveFiles } from './files-repo';
import { requireVisibleFile } from './files-service';
import { isFinalEvent, publishRunEvent, type RunEvent } from './progress';
import * as runs from './runs-repo';
import type { listRunsInput } from './schemas';
import { canSee, listOwner, type Viewer } from './viewer';
import { toFileView, toRunListItem, toRunView } from './views';

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
  deps: Pick<ApiDeps, 'db' | 'redis' | 'clock' | 'config' | 'bomQueue'>,
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
    if ((await lockLiveFiles(trx, fileIds, 'share')) !== fileIds.length)
      throw new AppError('NOT_FOUND', 'bom.fileNotFound');
    const maxQueued = deps.config.BOM_MAX_QUEUED_PER_USER;
    const inserted = await runs.insertRunWithinQueueLimit(
      trx,
      {
        ownerId: viewer.userId,
        bomFileId: bomFile.id,
        opsFileId: input.opsFileId ?? null,
        opsSource,
        ops: opsSource === 'rows' && input.ops ? input.ops : null,
        at: now,
      },
      maxQueued,
    );
    if (!inserted) throw new AppError('TOO_MANY_REQUESTS', 'bom.tooManyQueuedRuns', { max: maxQueued });
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

export async function requireVisibleRun(deps: Pick<ApiDeps, 'db'>, viewer: Viewer, runId: string) {
  const run = await runs.findLiveRun(deps.db, runId);
  if (!run || !canSee(viewer, run.owner_id)) throw new AppError('NOT_FOUND', 'bom.runNotFound');
  return run;
}

export async function getRun(deps: Pick<ApiDeps, 'db'>, viewer: Viewer, runId: string) {
  return toRunView(await requireVisibleRun(deps, viewer, runId));
}

/** A user's own runs, newest first; admins see everyone's, optionally one owner's. */
export async function listRunsPage(deps: Pick<ApiDeps, 'db'>, viewer: Viewer, input: z.infer<typeof listRunsInput>) {
  const after = input.cursor ? decodeCursor(input.cursor) : undefined;
  const rows = await runs.listRuns(deps.db, {
    ownerId: listOwner(viewer, input.ownerId),
    status: input.status,
    fileId: input.fileId,
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
    await runs.softDeleteRun(trx, runId, now);
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

/** The event that stands for a run's stored state (used when its stream has expired or is missing). */
export function eventFromStoredRun(run: Pick<runs.BomRunRow, 'status' | 'error'>): RunEvent {
  switch (run.status) {
    case 'done':
      return { status: 'done', phase: 'done', percent: 100 };
    case 'failed':
      return {
        status: 'failed',
        phase: 'failed',
        percent: 100,
        ...(run.error ? { error: run.error } : {}),
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
    const run = await runs.findLiveRun(deps.db, runId);
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
