import { sql, type Kysely } from 'kysely';
import { accountSkeleton } from '@arya/validators/account-skeleton';

/**
 * Look-alike account names (`аlice` with a Cyrillic а beside `alice`): each account stores its TR39 skeleton, unique
 * among live users. Existing accounts are backfilled oldest first; a later one whose skeleton is already held keeps a
 * null skeleton (it stays usable; no new look-alike of either can be made) and is named in the migration's log.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table users add column account_skeleton text`.execute(db);
  const { rows } = await sql<{ id: string; account: string; deleted_at: Date | null }>`
    select id, account, deleted_at from users where account is not null order by created_at, id
  `.execute(db);
  const held = new Set<string>();
  const kept: string[] = [];
  for (const row of rows) {
    const skeleton = accountSkeleton(row.account);
    if (row.deleted_at === null) {
      if (held.has(skeleton)) {
        kept.push(row.account);
        continue;
      }
      held.add(skeleton);
    }
    await sql`update users set account_skeleton = ${skeleton} where id = ${row.id}`.execute(db);
  }
  if (kept.length > 0) {
    console.warn(`account_skeleton: look-alike accounts kept without a skeleton (review them): ${kept.join(', ')}`);
  }
  await sql`
    create unique index users_account_skeleton_live_key on users (account_skeleton) where deleted_at is null
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table users drop column account_skeleton`.execute(db);
}
