import type { Kysely } from 'kysely';
import { sql } from 'kysely';
/**
 * The run queue is the `bom_runs` table itself: any server process claims the oldest queued run with
 * `FOR UPDATE SKIP LOCKED`, so processes sharing one Postgres never take the same run, and the per-owner limit on
 * running runs is checked under a per-owner advisory lock, so it holds across processes too.
 */
import type { BomJson, BomRunStatus, Executor } from '@arya/db';
import type { DB } from '@arya/db';

/** A run's lock namespace for `pg_advisory_xact_lock(ns, hashtext(owner))`; any constant unique in the app works. */
const OWNER_LOCK_NAMESPACE = 74_215_005;

/** Runs are retried once after a lost process; the second loss fails them. */
export const MAX_ATTEMPTS = 2;

export interface ClaimedRun {
  id: string;
  owner_id: string;
  bom_file_id: string;
  ops_file_id: string | null;
  ops_source: 'sheet' | 'workbook' | 'rows';
  ops: BomJson | null;
  attempts: number;
}

export interface ClaimOptions {
  instanceId: string;
  maxRunningPerOwner: number;
  now: Date;
}

/** Claims the oldest queued run whose owner is under the concurrency limit, or returns null. */
export async function claimNextRun(db: Kysely<DB>, options: ClaimOptions): Promise<ClaimedRun | null> {
  return db.transaction().execute(async (trx) => {
    const fullOwners: string[] = [];
    // One row locked at a time, so processes claiming together each take a different row instead of one process
    // holding every candidate while the others find nothing.
    for (let tries = 0; tries < 50; tries++) {
      let query = trx
        .selectFrom('bom_runs')
        .select(['id', 'owner_id'])
        .where('status', '=', 'queued')
        .where('deleted_at', 'is', null);
      if (fullOwners.length > 0) query = query.where('owner_id', 'not in', fullOwners);
      const candidate = await query
        .orderBy('queued_at')
        .orderBy('id')
        .limit(1)
        .forUpdate()
        .skipLocked()
        .executeTakeFirst();
      if (!candidate) return null;
      // Serialises claims for one owner across processes; the count below then sees every committed claim.
      await sql`select pg_advisory_xact_lock(${OWNER_LOCK_NAMESPACE}, hashtext(${candidate.owner_id}))`.execute(trx);
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
      return trx
        .updateTable('bom_runs')
        .set((eb) => ({
          status: 'running',
          claimed_by: options.instanceId,
          started_at: options.now,
          heartbeat_at: options.now,
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
  reason: BomJson,
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
      queued_at: sql<Date>`case when attempts < ${MAX_ATTEMPTS} then ${now}::timestamptz else ${eb.ref('queued_at')} end`,
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
  summary: BomJson;
  log: BomJson;
  diff: BomJson;
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
  error: BomJson,
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
