import { sql } from 'kysely';
import type { InspectResult } from '@arya/bom';
import type { BomFileKind, Executor } from '@arya/db';
import { newestFirst, type KeysetWindow } from '../../lib/pagination';

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
  inspect: InspectResult;
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

/** Stores an upload's inspection again (inspected anew by a newer engine). */
export async function updateInspect(db: Executor, fileId: string, inspect: InspectResult, at: Date): Promise<void> {
  await db
    .updateTable('bom_files')
    .set({ inspect: JSON.stringify(inspect), updated_at: at })
    .where('id', '=', fileId)
    .execute();
}

export interface FileListFilter extends KeysetWindow {
  ownerId?: string | undefined;
  kind?: BomFileKind | undefined;
  fileId?: string | undefined;
}

/** Live uploads without their bytes, newest first, each with how many live runs use it; `limit + 1` rows at most. */
export async function listFiles(db: Executor, filter: FileListFilter) {
  let query = db
    .selectFrom('bom_files as f')
    .innerJoin('users as u', 'u.id', 'f.owner_id')
    .select(['f.id', 'f.owner_id', 'f.kind', 'f.name', 'f.size', 'f.created_at'])
    .select(['u.account as owner_account', 'u.username as owner_name', 'u.phone as owner_phone'])
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
  if (filter.fileId) query = query.where('f.id', '=', filter.fileId);
  return newestFirst(query, 'f', filter).execute();
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

/** Soft-deletes an upload and drops its bytes and where-used rows; runs that used it keep their name for it. */
export async function softDeleteFile(db: Executor, fileId: string, at: Date): Promise<void> {
  await db
    .updateTable('bom_files')
    .set({ deleted_at: at, bytes: Buffer.alloc(0) })
    .where('id', '=', fileId)
    .execute();
  await db.deleteFrom('bom_material_uses').where('file_id', '=', fileId).execute();
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
