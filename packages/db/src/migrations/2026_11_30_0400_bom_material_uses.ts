import { sql, type Kysely } from 'kysely';
import { isBomInputError, listMaterialRows } from '@arya/bom';

/**
 * `bom.whereUsed`: material codes indexed per BOM row of each upload (filled at upload time from now on), and every
 * live BOM upload made before this migration indexed here from its stored bytes.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('bom_material_uses')
    .addColumn('file_id', 'uuid', (c) => c.notNull().references('bom_files.id').onDelete('cascade'))
    .addColumn('row_number', 'integer', (c) => c.notNull())
    .addColumn('material_code', 'text', (c) => c.notNull())
    .addColumn('level', 'integer')
    .addColumn('quantity', 'double precision')
    .addColumn('designators', 'text', (c) => c.notNull().defaultTo(''))
    .addPrimaryKeyConstraint('bom_material_uses_pkey', ['file_id', 'row_number'])
    .execute();
  await sql`create index bom_material_uses_code_idx on bom_material_uses (material_code, file_id)`.execute(db);

  const files = await sql<{ id: string }>`
    select id from bom_files where kind = 'bom' and deleted_at is null order by created_at`.execute(db);
  for (const { id } of files.rows) {
    const { rows } = await sql<{ bytes: Buffer }>`select bytes from bom_files where id = ${id}`.execute(db);
    const bytes = rows[0]?.bytes;
    if (!bytes) continue;
    let uses: ReturnType<typeof listMaterialRows>;
    try {
      // the stored limits were checked at upload; a workbook the engine now refuses is simply not indexed
      uses = listMaterialRows(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    } catch (error) {
      if (isBomInputError(error)) continue;
      throw error;
    }
    if (uses.length === 0) continue;
    await sql`
      insert into bom_material_uses (file_id, row_number, material_code, level, quantity, designators)
      select ${id}::uuid, u.* from unnest(
        ${uses.map((u) => u.rowNumber)}::integer[],
        ${uses.map((u) => u.materialCode)}::text[],
        ${uses.map((u) => u.level)}::integer[],
        ${uses.map((u) => u.quantity)}::double precision[],
        ${uses.map((u) => u.designators.join(','))}::text[]
      ) as u`.execute(db);
  }
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('bom_material_uses').execute();
}
