import { type Kysely } from 'kysely';

/**
 * A rotated refresh token remembers its successor, sealed with a key only the rotated token's holder can derive, so a
 * replay within the grace period gets that same successor instead of opening a second chain.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('sessions')
    .addColumn('successor_id', 'uuid', (c) => c.references('sessions.id').onDelete('set null'))
    .addColumn('successor_sealed', 'text')
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('sessions').dropColumn('successor_sealed').dropColumn('successor_id').execute();
}
