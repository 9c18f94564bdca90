import { sql, type Kysely } from 'kysely';
import { cleanStoredDisplayName } from '@arya/validators/display-name';

/**
 * Display names stored before the rule against invisible and control characters (a right-to-left override shows
 * "abc" + U+202E + "gpj.exe" as "abcexe.jpg") are cleaned the way `cleanStoredDisplayName` says: those characters
 * removed, spaces normalised, cut to the maximum length, null when nothing is left. The changed users are named in
 * the migration's log. Nothing to undo: the cleaned names are valid under either version.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const { rows } = await sql<{ id: string; username: string }>`
    select id, username from users where username is not null order by created_at, id
  `.execute(db);
  const changed: string[] = [];
  for (const row of rows) {
    const cleaned = cleanStoredDisplayName(row.username);
    if (cleaned === row.username) continue;
    await sql`update users set username = ${cleaned} where id = ${row.id}`.execute(db);
    changed.push(row.id);
  }
  if (changed.length > 0) {
    console.warn(`display names cleaned of invisible characters (users): ${changed.join(', ')}`);
  }
}

export async function down(): Promise<void> {}
