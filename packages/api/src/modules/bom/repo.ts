import { sql } from 'kysely';
import type { BomFileKind, BomJson, BomOpsSource, BomRunStatus, Executor } from '@arya/db';
import type { KeysetPosition } from '../../lib/pagination';

/** A file's fields without its bytes (lists and checks never load the bytes). */
const fileColumns = ['id', 'owner_id', 'kind', 'name', 'size', 'sha256', 'inspect', 'created_at'] as const;

export async function findLiveFileBySha(db: Executor, ownerId: string, kind: BomFileKind, sha256: string) {
  return db
    .selectFrom('bom_files')
    .select(fileColumns)
    .where('owner_id', '=', ownerId)
    .where('kind', '=', kind)
    .where('sha256', '=', sha256)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

export async function findLiveFile(db: Executor, fileId: string) {
  return db
    .selectFrom('bom_files')
    .select(fileColumns)
    .where('id', '=', fileId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

export type BomFileRow = NonNullable<Awaited<ReturnType<typeof findLiveFile>>>;

export async function readFileBytes(db: Executor, fileId: string): Promise<Buffer | undefined> {
  const row = await db.selectFrom('bom_files').select('bytes').where('id', '=', fileId).executeTakeFirst();
  return row?.bytes;
}

export interface NewBomFile {
  ownerId: string;
  kind: BomFileKind;
  name: string;
  sha256: string;
  bytes: Buffer;
  inspect: BomJson;
  at: Date;
}

/**
 * Inserts the file, or returns the live row that already holds the same bytes for this owner (a concurrent identical
 * upload lands on the unique index and gets the winner's row).
 */
export async function insertFileOrReuse(db: Executor, file: NewBomFile): Promise<{ row: BomFileRow; reused: boolean }> {
  const inserted = await db
    .insertInto('bom_files')
    .values({
      owner_id: file.ownerId,
      kind: file.kind,
      name: file.name,
      size: file.bytes.byteLength,
      sha256: file.sha256,
      bytes: file.bytes,
      inspect: JSON.stringify(file.inspect),
      created_at: file.at,
      updated_at: file.at,
    })
    .onConflict((oc) => oc.columns(['owner_id', 'kind', 'sha256']).where('deleted_at', 'is', null).doNothing())
    .returning(fileColumns)
    .executeTakeFirst();
  if (inserted) return { row: inserted, reused: false };
  const existing = await findLiveFileBySha(db, file.ownerId, file.kind, file.sha256);
  if (!existing) throw new Error('bom file vanished between insert conflict and read');
  return { row: existing, reused: true };
}

export interface NewBomRun {
  ownerId: string;
  bomFileId: string;
  opsFileId: string | null;
  opsSource: BomOpsSource;
  ops: BomJson | null;
  at: Date;
}

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

export interface RunListFilter {
  ownerId?: string | undefined;
  status?: BomRunStatus | undefined;
  /** Keyset position: rows strictly after this (created_at as Postgres text, to keep microseconds). */
  after?: KeysetPosition | undefined;
  limit: number;
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
    .select(sql<string>`r.created_at::text`.as('cursor_created_at'))
    .where('r.deleted_at', 'is', null);
  if (filter.ownerId) query = query.where('r.owner_id', '=', filter.ownerId);
  if (filter.status) query = query.where('r.status', '=', filter.status);
  if (filter.after) {
    const { createdAt, id } = filter.after;
    query = query.where(sql<boolean>`(r.created_at, r.id) < (${createdAt}::timestamptz, ${id}::uuid)`);
  }
  return query
    .orderBy('r.created_at', 'desc')
    .orderBy('r.id', 'desc')
    .limit(filter.limit + 1)
    .execute();
}

export interface FileListFilter {
  ownerId?: string | undefined;
  kind?: BomFileKind | undefined;
  after?: KeysetPosition | undefined;
  limit: number;
}

/** Live uploads without their bytes, newest first, each with how many live runs use it; `limit + 1` rows at most. */
export async function listFiles(db: Executor, filter: FileListFilter) {
  let query = db
    .selectFrom('bom_files as f')
    .innerJoin('users as u', 'u.id', 'f.owner_id')
    .select(['f.id', 'f.owner_id', 'u.account as owner_account', 'f.kind', 'f.name', 'f.size', 'f.created_at'])
    .select(sql<string>`f.created_at::text`.as('cursor_created_at'))
    .select((eb) =>
      eb
        .selectFrom('bom_runs as r')
        .select(sql<number>`count(*)::int`.as('runs'))
        .where('r.deleted_at', 'is', null)
        .where((inner) =>
          inner.or([inner('r.bom_file_id', '=', inner.ref('f.id')), inner('r.ops_file_id', '=', inner.ref('f.id'))]),
        )
        .as('runs'),
    )
    .where('f.deleted_at', 'is', null);
  if (filter.ownerId) query = query.where('f.owner_id', '=', filter.ownerId);
  if (filter.kind) query = query.where('f.kind', '=', filter.kind);
  if (filter.after) {
    const { createdAt, id } = filter.after;
    query = query.where(sql<boolean>`(f.created_at, f.id) < (${createdAt}::timestamptz, ${id}::uuid)`);
  }
  return query
    .orderBy('f.created_at', 'desc')
    .orderBy('f.id', 'desc')
    .limit(filter.limit + 1)
    .execute();
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

/**
 * Locks the live files among `fileIds` (shared: a run is being created from them; update: one is being deleted) and
 * returns how many are live. The two modes exclude each other, so a run is never created from a file being deleted.
 */
export async function lockLiveFiles(
  db: Executor,
  fileIds: readonly string[],
  mode: 'share' | 'update',
): Promise<number> {
  const query = db.selectFrom('bom_files').select('id').where('id', 'in', fileIds).where('deleted_at', 'is', null);
  const rows = await (mode === 'share' ? query.forShare() : query.forUpdate()).execute();
  return rows.length;
}

/** Soft-deletes an upload and drops its bytes; runs that used it keep their name for it. */
export async function softDeleteFile(db: Executor, fileId: string, at: Date): Promise<void> {
  await db
    .updateTable('bom_files')
    .set({ deleted_at: at, bytes: Buffer.alloc(0) })
    .where('id', '=', fileId)
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

/** Soft-deletes uploads made before `before` that no remaining run uses, dropping their bytes; returns how many. */
export async function expireUnusedFiles(db: Executor, before: Date, at: Date): Promise<number> {
  const expired = await db
    .updateTable('bom_files as f')
    .set({ deleted_at: at, bytes: Buffer.alloc(0) })
    .where('f.deleted_at', 'is', null)
    .where('f.created_at', '<', before)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('bom_runs as r')
            .select('r.id')
            .where('r.deleted_at', 'is', null)
            .where((eb) => eb.or([eb('r.bom_file_id', '=', eb.ref('f.id')), eb('r.ops_file_id', '=', eb.ref('f.id'))])),
        ),
      ),
    )
    .returning('f.id')
    .execute();
  return expired.length;
}

export async function countRunsCreatedSince(db: Executor, since: Date): Promise<number> {
  const row = await db
    .selectFrom('bom_runs')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('created_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
