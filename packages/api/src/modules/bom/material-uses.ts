import { sql } from 'kysely';
import type { MaterialRow } from '@arya/bom';
import type { Executor } from '@arya/db';

/** Where-used index (`bom_material_uses`): one row per BOM row with a material code, written with the upload. */
export async function insertMaterialUses(db: Executor, fileId: string, rows: readonly MaterialRow[]): Promise<void> {
  if (rows.length === 0) return;
  // one statement however many rows: arrays unnested by Postgres, no parameter limit
  await sql`
    insert into bom_material_uses (file_id, row_number, material_code, level, quantity, designators)
    select ${fileId}::uuid, u.* from unnest(
      ${rows.map((r) => r.rowNumber)}::integer[],
      ${rows.map((r) => r.materialCode)}::text[],
      ${rows.map((r) => r.level)}::integer[],
      ${rows.map((r) => r.quantity)}::double precision[],
      ${rows.map((r) => r.designators.join(','))}::text[]
    ) as u`.execute(db);
}

/** One page of an upload's indexed rows, in sheet order, after row `afterRow`; `limit + 1` rows at most. */
export async function listMaterialUsesPage(db: Executor, fileId: string, afterRow: number, limit: number) {
  return db
    .selectFrom('bom_material_uses')
    .select(['row_number', 'material_code', 'level', 'quantity', 'designators'])
    .where('file_id', '=', fileId)
    .where('row_number', '>', afterRow)
    .orderBy('row_number')
    .limit(limit + 1)
    .execute();
}

/** The newest `limit` live BOM uploads (of `ownerId`, when given) that use the code; `limit + 1` at most. */
export async function findFilesUsing(db: Executor, materialCode: string, ownerId: string | undefined, limit: number) {
  let query = db
    .selectFrom('bom_files as f')
    .innerJoin('users as u', 'u.id', 'f.owner_id')
    .select(['f.id', 'f.name', 'f.created_at', 'f.owner_id', 'u.account as owner_account', 'u.username as owner_name'])
    .where('f.deleted_at', 'is', null)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('bom_material_uses as m')
          .select('m.file_id')
          .whereRef('m.file_id', '=', 'f.id')
          .where('m.material_code', '=', materialCode),
      ),
    );
  if (ownerId !== undefined) query = query.where('f.owner_id', '=', ownerId);
  return query
    .orderBy('f.created_at', 'desc')
    .orderBy('f.id', 'desc')
    .limit(limit + 1)
    .execute();
}

export async function findUses(db: Executor, materialCode: string, fileIds: readonly string[]) {
  if (fileIds.length === 0) return [];
  return db
    .selectFrom('bom_material_uses')
    .select(['file_id', 'row_number', 'level', 'quantity', 'designators'])
    .where('material_code', '=', materialCode)
    .where('file_id', 'in', fileIds)
    .orderBy('file_id')
    .orderBy('row_number')
    .execute();
}

/** Live runs of these BOM uploads (of `ownerId`, when given), newest first. */
export async function findRunsOfFiles(db: Executor, fileIds: readonly string[], ownerId: string | undefined) {
  if (fileIds.length === 0) return [];
  let query = db
    .selectFrom('bom_runs')
    .select(['id', 'bom_file_id', 'status', 'created_at'])
    .where('bom_file_id', 'in', fileIds)
    .where('deleted_at', 'is', null);
  if (ownerId !== undefined) query = query.where('owner_id', '=', ownerId);
  return query.orderBy('created_at', 'desc').orderBy('id', 'desc').execute();
}
