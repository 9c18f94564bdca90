import { sql, type Kysely } from 'kysely';

/** Keeps `updated_at` current on every UPDATE (function `arya_set_updated_at` is created by the first migration). */
export async function addUpdatedAtTrigger(db: Kysely<unknown>, table: string): Promise<void> {
  await sql`
    create trigger ${sql.raw(`${table}_set_updated_at`)}
    before update on ${sql.table(table)}
    for each row execute function arya_set_updated_at()
  `.execute(db);
}
