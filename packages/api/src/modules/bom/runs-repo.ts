import { sql, type Kysely, type Transaction } from 'kysely';
import type { ApplySummary, ChangeLogEntry, OpRow, RowDiff } from '@arya/bom';
import type { BomOpsSource, BomRunFailure, BomRunStatus, DB, Executor } from '@arya/db';
import { newestFirst, type KeysetWindow } from '../../lib/pagination';

/*
 * Every query on `bom_runs`. The run queue is this table itself: any server process claims the oldest queued run with
 * `FOR UPDATE SKIP LOCKED`, so processes sharing one Postgres never take the same run, and the per-owner limits (runs
 * executing, runs waiting) are checked under a per-owner advisory lock, so they hold across processes too.
 */

export interface NewBomRun {
  ownerId: string;
  bomFileId: string;
  opsFileId: string | null;
  opsSource: BomOpsSource;
  ops: OpRow[] | null;
  at: Date;
}

/**
 * Queues the run unless its owner already has `maxQueued` runs waiting; returns null then. The owner's queue lock is
 * held until `trx` ends, so parallel inserts (on any process) each count the others' committed rows.
 */
export async function insertRunWithinQueueLimit(
  trx: Transaction<DB>,
  run: NewBomRun,
  maxQueued: number,
): Promise<{ id: string } | null> {
  await lockOwnerQueue(trx, run.ownerId);
  const { queued } = await trx
    .selectFrom('bom_runs')
    .select((eb) => eb.fn.countAll<string>().as('queued'))
    .where('owner_id', '=', run.ownerId)
    .where('status', '=', 'queued')
    .where('deleted_at', 'is', null)
    .executeTakeFirstOrThrow();
  if (Number(queued) >= maxQueued) return null;
  return insertRun(trx, run);
}

/** Inserts a queued run without the per-owner check (tests and seeds; requests go through the function above). */
export async function insertRun(db: Executor, run: NewBomRun): Promise<{ id: string }> {
  return db
    .insertInto('bom_runs')
    .values({
      owner_id: run.ownerId,
      bom_file_id: run.bomFileId,
      ops_file_id: run.opsFileId,
      ops_source: run.opsSource,
      ops: run.ops === null ? null : JSON.stringify(run.ops),
      queued_at: run.at,
      created_at: run.at,
      updated_at: run.at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
}

/** Everything about a run except the result bytes, with its files' names. */
export async function findLiveRun(db: Executor, runId: string) {
  return db
    .selectFrom('bom_runs as r')
    .innerJoin('bom_files as b', 'b.id', 'r.bom_file_id')
    .leftJoin('bom_files as o', 'o.id', 'r.ops_file_id')
    .select([
      'r.id',
      'r.owner_id',
      'r.bom_file_id',
      'b.name as bom_file_name',
      'r.ops_file_id',
      'o.name as ops_file_name',
      'r.ops_source',
      'r.ops',
      'r.status',
      'r.attempts',
      'r.summary',
      'r.log',
      'r.diff',
      'r.result_size',
      'r.error',
      'r.queued_at',
      'r.started_at',
      'r.finished_at',
      'r.created_at',
    ])
    .where('r.id', '=', runId)
    .where('r.deleted_at', 'is', null)
    .executeTakeFirst();
}

export type BomRunRow = NonNullable<Awaited<ReturnType<typeof findLiveRun>>>;

export async function readRunResult(db: Executor, runId: string): Promise<Buffer | null> {
  const row = await db
    .selectFrom('bom_runs')
    .select('result')
    .where('id', '=', runId)
    .where('deleted_at', 'is', null)
    .where('status', '=', 'done')
    .executeTakeFirst();
  return row?.result ?? null;
}

export interface RunListFilter extends KeysetWindow {
  ownerId?: string | undefined;
  status?: BomRunStatus | undefined;
  /** runs that used this upload, as their BOM or their operations workbook */
  fileId?: string | undefined;
}

/** Newest first; returns `limit + 1` rows at most so the caller knows whether another page exists. */
export async function listRuns(db: Executor, filter: RunListFilter) {
  let query = db
    .selectFrom('bom_runs as r')
    .innerJoin('bom_files as b', 'b.id', 'r.bom_file_id')
    .innerJoin('users as u', 'u.id', 'r.owner_id')
    .select([
      'r.id',
      'r.owner_id',
      'u.account as owner_account',
      'u.username as owner_name',
      'u.phone as owner_phone',
      'r.bom_file_id',
      'b.name as bom_file_name',
      'r.ops_source',
      'r.status',
      'r.summary',
      'r.error',
      'r.queued_at',
      'r.started_at',
      'r.finished_at',
      'r.created_at',
    ])
    .where('r.deleted_at', 'is', null);
  if (filter.ownerId) query = query.where('r.owner_id', '=', filter.ownerId);
  if (filter.status) query = query.where('r.status', '=', filter.status);
  const { fileId } = filter;
  if (fileId) query = query.where((eb) => eb.or([eb('r.bom_file_id', '=', fileId), eb('r.ops_file_id', '=', fileId)]));
  return newestFirst(query, 'r', filter).execute();
}

/** Soft-deletes the run and drops its result bytes. A queued run is taken out of the queue. */
export async function softDeleteRun(db: Executor, runId: string, at: Date): Promise<void> {
  await db
    .updateTable('bom_runs')
    .set((eb) => ({
      deleted_at: at,
      result: null,
      status: sql<BomRunStatus>`case when ${eb.ref('status')} = 'queued' then 'failed' else ${eb.ref('status')} end`,
    }))
    .where('id', '=', runId)
    .execute();
}

/** Whether a queued or running run reads this file. */
export async function isFileInPendingRun(db: Executor, fileId: string): Promise<boolean> {
  const row = await db
    .selectFrom('bom_runs')
    .select('id')
    .where((eb) => eb.or([eb('bom_file_id', '=', fileId), eb('ops_file_id', '=', fileId)]))
    .where('status', 'in', ['queued', 'running'])
    .where('deleted_at', 'is', null)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Soft-deletes finished runs that finished before `before`, dropping their result bytes; returns how many. */
export async function expireFinishedRuns(db: Executor, before: Date, at: Date): Promise<number> {
  const expired = await db
    .updateTable('bom_runs')
    .set({ deleted_at: at, result: null })
    .where('deleted_at', 'is', null)
    .where('status', 'in', ['done', 'failed'])
    .where('finished_at', '<', before)
    .returning('id')
    .execute();
  return expired.length;
}

/** How many runs were created since `since`, deleted ones included (the admin's dashboard). */
export async function countRunsCreatedSince(db: Executor, since: Date): Promise<number> {
  const row = await db
    .selectFrom('bom_runs')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

// ── the queue ──────────────────────────────────────────────────────────────────

/** A run's lock namespace for `pg_advisory_xact_lock(ns, hashtext(owner))`; any constant unique in the app works. */
const OWNER_LOCK_NAMESPACE = 74_215_005;

/** Serialises one owner's queue changes (claims, new runs) across processes until the transaction ends. */
async function lockOwnerQueue(trx: Transaction<DB>, ownerId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(${OWNER_LOCK_NAMESPACE}, hashtext(${ownerId}))`.execute(trx);
}

/** Runs are retried once after a lost process; the second loss fails them. */
export const MAX_ATTEMPTS = 2;

export interface ClaimedRun {
  id: string;
  owner_id: string;
  bom_file_id: string;
  ops_file_id: string | null;
  ops_source: BomOpsSource;
  ops: OpRow[] | null;
  attempts: number;
}

export interface ClaimOptions {
  instanceId: string;
  maxRunningPerOwner: number;
  /**
   * The claim's start time. A function is read only once the owner's running count has been taken, i.e. after the
   * previous run's finish committed, so one owner's `started_at` never precedes the `finished_at` that freed the slot.
   */
  now: Date | (() => Date);
}

/**
 * Claims the next queued run whose owner is under the concurrency limit, or returns null. Owners take turns: the owner
 * with the fewest runs executing goes first, then the one served longest ago (by the start of its newest started run),
 * then the oldest run. Plain first-in-first-out would let one user's queue hold every thread as each of its runs
 * finishes, so another user's run would wait for that whole queue.
 */
export async function claimNextRun(db: Kysely<DB>, options: ClaimOptions): Promise<ClaimedRun | null> {
  return db.transaction().execute(async (trx) => {
    const fullOwners: string[] = [];
    // One row locked at a time, so processes claiming together each take a different row instead of one process
    // holding every candidate while the others find nothing.
    for (let tries = 0; tries < 50; tries++) {
      let query = trx
        .selectFrom('bom_runs as r')
        .select(['r.id', 'r.owner_id'])
        .where('r.status', '=', 'queued')
        .where('r.deleted_at', 'is', null);
      if (fullOwners.length > 0) query = query.where('r.owner_id', 'not in', fullOwners);
      const candidate = await query
        .orderBy(
          (eb) =>
            eb
              .selectFrom('bom_runs as x')
              .select((inner) => inner.fn.countAll().as('running'))
              .whereRef('x.owner_id', '=', 'r.owner_id')
              .where('x.status', '=', 'running'),
          'asc',
        )
        .orderBy(
          // the newest run by creation that has started stands for the owner's last turn; the index on
          // (owner_id, created_at desc) finds it after skipping the owner's few queued runs
          (eb) =>
            eb
              .selectFrom('bom_runs as x')
              .select('x.started_at')
              .whereRef('x.owner_id', '=', 'r.owner_id')
              .where('x.deleted_at', 'is', null)
              .where('x.started_at', 'is not', null)
              .orderBy('x.created_at', 'desc')
              .orderBy('x.id', 'desc')
              .limit(1),
          (ob) => ob.asc().nullsFirst(),
        )
        .orderBy('r.queued_at')
        .orderBy('r.id')
        .limit(1)
        .forUpdate('r')
        .skipLocked()
        .executeTakeFirst();
      if (!candidate) return null;
      // Serialises claims for one owner across processes; the count below then sees every committed claim.
      await lockOwnerQueue(trx, candidate.owner_id);
      const { running } = await trx
        .selectFrom('bom_runs')
        .select((eb) => eb.fn.countAll<string>().as('running'))
        .where('owner_id', '=', candidate.owner_id)
        .where('status', '=', 'running')
        .executeTakeFirstOrThrow();
      if (Number(running) >= options.maxRunningPerOwner) {
        fullOwners.push(candidate.owner_id);
        continue;
      }
      const startedAt = typeof options.now === 'function' ? options.now() : options.now;
      return trx
        .updateTable('bom_runs')
        .set((eb) => ({
          status: 'running',
          claimed_by: options.instanceId,
          started_at: startedAt,
          heartbeat_at: startedAt,
          attempts: eb('attempts', '+', 1),
        }))
        .where('id', '=', candidate.id)
        .returning(['id', 'owner_id', 'bom_file_id', 'ops_file_id', 'ops_source', 'ops', 'attempts'])
        .executeTakeFirstOrThrow();
    }
    return null;
  });
}

/** Keeps this process's running runs from being taken as orphaned. */
export async function touchHeartbeats(
  db: Executor,
  instanceId: string,
  runIds: readonly string[],
  now: Date,
): Promise<void> {
  if (runIds.length === 0) return;
  await db
    .updateTable('bom_runs')
    .set({ heartbeat_at: now })
    .where('id', 'in', runIds)
    .where('claimed_by', '=', instanceId)
    .where('status', '=', 'running')
    .execute();
}

export interface RecoveredRun {
  id: string;
  owner_id: string;
  status: 'queued' | 'failed';
  attempts: number;
}

/**
 * Runs whose process stopped beating (a crash, a kill) go back to the queue once; a run lost twice fails with a
 * reason the owner can read.
 */
export async function recoverOrphanedRuns(
  db: Executor,
  now: Date,
  staleAfterMs: number,
  reason: BomRunFailure,
): Promise<RecoveredRun[]> {
  const staleBefore = new Date(now.getTime() - staleAfterMs);
  return db
    .updateTable('bom_runs')
    .set((eb) => ({
      status: sql<BomRunStatus>`case when attempts < ${MAX_ATTEMPTS} then 'queued' else 'failed' end`,
      error: sql<
        string | null
      >`case when attempts < ${MAX_ATTEMPTS} then null else ${JSON.stringify(reason)}::jsonb end`,
      finished_at: sql<Date | null>`case when attempts < ${MAX_ATTEMPTS} then null else ${now}::timestamptz end`,
      queued_at: sql<Date>`case when attempts < ${MAX_ATTEMPTS} then ${now}::timestamptz
        else ${eb.ref('queued_at')} end`,
      claimed_by: null,
      heartbeat_at: null,
    }))
    .where('status', '=', 'running')
    .where('heartbeat_at', '<', staleBefore)
    .returning(['id', 'owner_id', 'status', 'attempts'])
    .execute()
    .then((rows) => rows.map((row) => ({ ...row, status: row.status === 'queued' ? 'queued' : 'failed' })));
}

/** Puts this process's running runs back in the queue without counting the attempt (a graceful shutdown). */
export async function releaseRuns(db: Executor, instanceId: string, runIds: readonly string[]): Promise<void> {
  if (runIds.length === 0) return;
  await db
    .updateTable('bom_runs')
    .set((eb) => ({
      status: 'queued',
      claimed_by: null,
      heartbeat_at: null,
      started_at: null,
      attempts: eb('attempts', '-', 1),
    }))
    .where('id', 'in', runIds)
    .where('claimed_by', '=', instanceId)
    .where('status', '=', 'running')
    .execute();
}

export interface RunSuccess {
  summary: ApplySummary;
  log: ChangeLogEntry[];
  diff: RowDiff[];
  result: Buffer;
  now: Date;
}

/**
 * Stores the outcome if this process still owns the run (it may have been recovered by another after a long pause).
 * Returns false when it no longer does.
 */
export async function completeRun(
  trx: Executor,
  runId: string,
  instanceId: string,
  outcome: RunSuccess,
): Promise<boolean> {
  const updated = await trx
    .updateTable('bom_runs')
    .set({
      status: 'done',
      summary: JSON.stringify(outcome.summary),
      log: JSON.stringify(outcome.log),
      diff: JSON.stringify(outcome.diff),
      result: outcome.result,
      result_size: outcome.result.byteLength,
      finished_at: outcome.now,
      heartbeat_at: null,
    })
    .where('id', '=', runId)
    .where('claimed_by', '=', instanceId)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return updated.numUpdatedRows === 1n;
}

export async function failRun(
  trx: Executor,
  runId: string,
  instanceId: string,
  error: BomRunFailure,
  now: Date,
): Promise<boolean> {
  const updated = await trx
    .updateTable('bom_runs')
    .set({ status: 'failed', error: JSON.stringify(error), finished_at: now, heartbeat_at: null })
    .where('id', '=', runId)
    .where('claimed_by', '=', instanceId)
    .where('status', '=', 'running')
    .executeTakeFirst();
  return updated.numUpdatedRows === 1n;
}
