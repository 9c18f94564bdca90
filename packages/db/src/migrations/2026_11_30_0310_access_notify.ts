import { sql, type Kysely } from 'kysely';

/**
 * Tells every server process, over NOTIFY channel `arya_access`, when what the access check caches changes: a user row
 * (`u:<id>`, any update or delete) or a session's revocation (`s:<family_id>`). Postgres delivers notifications at
 * commit, once per distinct payload per transaction, so ending all of a user's sessions costs one message per session.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create function arya_notify_access() returns trigger language plpgsql as $$
    begin
      if tg_table_name = 'users' then
        perform pg_notify('arya_access', 'u:' || old.id::text);
      else
        perform pg_notify('arya_access', 's:' || old.family_id::text);
      end if;
      return null;
    end
    $$
  `.execute(db);
  await sql`
    create trigger users_notify_access after update or delete on users
    for each row execute function arya_notify_access()
  `.execute(db);
  await sql`
    create trigger sessions_notify_revocation after update of revoked_at or delete on sessions
    for each row execute function arya_notify_access()
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop trigger if exists sessions_notify_revocation on sessions`.execute(db);
  await sql`drop trigger if exists users_notify_access on users`.execute(db);
  await sql`drop function if exists arya_notify_access()`.execute(db);
}
