import type { Kysely } from 'kysely';
import type { DB } from '@arya/db';

/** Users with these accounts (no password: the tests only need their rows); their ids, in the same order. */
export async function insertUsers<const Accounts extends readonly string[]>(
  db: Kysely<DB>,
  accounts: Accounts,
): Promise<{ [K in keyof Accounts]: string }> {
  const rows = await db
    .insertInto('users')
    .values(accounts.map((account) => ({ account })))
    .returning('id')
    .execute();
  return rows.map((row) => row.id) as { [K in keyof Accounts]: string };
}

/** A live upload of `owner` named `name` (a 3-byte stand-in: only the row matters); its id. */
export async function insertFile(db: Kysely<DB>, owner: string, name: string, kind: 'bom' | 'ops' = 'bom') {
  const bytes = Buffer.from('xyz');
  const file = await db
    .insertInto('bom_files')
    .values({ owner_id: owner, kind, name, size: bytes.length, sha256: name, bytes, inspect: '{}' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return file.id;
}

/** How many audit entries of `action` were written. */
export async function auditCount(db: Kysely<DB>, action: string): Promise<number> {
  const rows = await db.selectFrom('audit_log').select('id').where('action', '=', action).execute();
  return rows.length;
}
