import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDb, migrateDown, migrateToEmpty, migrateToLatest, migrateUp, migrations } from '@arya/db';
import { createTestDatabase, type TestDatabase } from '@arya/testing';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.drop();
});

async function tableNames(db: TestDatabase['db']): Promise<string[]> {
  const result = await sql<{ table_name: string }>`
    select table_name from information_schema.tables where table_schema = 'public' and table_name not like 'kysely_%'
    order by table_name
  `.execute(db);
  return result.rows.map((r) => r.table_name);
}

/** From the latest schema, reverts migrations until `name` is reverted too. */
async function migrateDownThrough(name: string): Promise<void> {
  await migrateToLatest(database.db);
  const names = Object.keys(migrations);
  expect(names).toContain(name);
  for (let i = names.length - 1; i >= names.indexOf(name); i--) await migrateDown(database.db);
}

describe('migrations', () => {
  it('the template database already has every table', async () => {
    expect(await tableNames(database.db)).toEqual([
      'audit_log',
      'bom_files',
      'bom_material_uses',
      'bom_runs',
      'sessions',
      'sms_messages',
      'users',
    ]);
  });

  it('down reverts everything and up restores it', async () => {
    const reverted = await migrateToEmpty(database.db);
    expect(reverted.applied.map((r) => r.migrationName)).toEqual(Object.keys(migrations).toReversed());
    expect(await tableNames(database.db)).toEqual([]);
    const applied = await migrateToLatest(database.db);
    expect(applied.applied.map((r) => r.migrationName)).toEqual(Object.keys(migrations));
    expect(await tableNames(database.db)).toEqual([
      'audit_log',
      'bom_files',
      'bom_material_uses',
      'bom_runs',
      'sessions',
      'sms_messages',
      'users',
    ]);
  });

  it('several instances migrating at once apply each migration exactly once', async () => {
    await migrateToEmpty(database.db);
    const instances = [0, 1, 2].map(() => createDb(database.url, { maxConnections: 1 }));
    try {
      const reports = await Promise.all(instances.map((db) => migrateToLatest(db)));
      const appliedNames = reports.flatMap((r) => r.applied.map((m) => m.migrationName));
      expect(appliedNames.toSorted()).toEqual(Object.keys(migrations).toSorted());
    } finally {
      await Promise.all(instances.map((db) => db.destroy()));
    }
    expect(await tableNames(database.db)).toEqual([
      'audit_log',
      'bom_files',
      'bom_material_uses',
      'bom_runs',
      'sessions',
      'sms_messages',
      'users',
    ]);
  });
});

describe('account skeleton migration', () => {
  it('backfills look-alike keys oldest first; a later live look-alike keeps none; the unique index holds', async () => {
    await migrateDownThrough('2026_11_30_0500_account_skeleton');
    const insert = (account: string, at: string, deleted = false) =>
      sql`
        insert into users (account, created_at, deleted_at) values (${account}, ${at}, ${deleted ? at : null})
      `.execute(database.db);
    await insert('paypal', '2026-01-02');
    await insert('paypa1', '2026-01-03');
    await insert('pаypal', '2026-01-01', true); // Cyrillic а, deleted: keeps its key, holds nothing
    await insert('张伟2', '2026-01-04');
    await migrateUp(database.db);
    const rows = await database.db.selectFrom('users').select(['account', 'account_skeleton']).execute();
    expect(Object.fromEntries(rows.map((row) => [row.account, row.account_skeleton]))).toEqual({
      paypal: 'paypal',
      paypa1: null,
      pаypal: 'paypal',
      张伟2: '张伟2',
    });
    await expect(
      database.db.insertInto('users').values({ account: 'paypai', account_skeleton: 'paypal' }).execute(),
    ).rejects.toThrow(/users_account_skeleton_live_key/);
    await database.db.deleteFrom('users').execute();
    await migrateToLatest(database.db);
  });
});

describe('display name cleanup migration', () => {
  it('removes invisible and control characters from stored names, and empties a name of nothing else', async () => {
    await migrateDownThrough('2026_11_30_0600_display_name_cleanup');
    const stored = {
      spoof: 'abc\u202Egpj.exe',
      hidden: 'ad\u200Bmin',
      blank: '\u200B\u202E',
      fine: '张伟',
    };
    for (const [account, username] of Object.entries(stored)) {
      await database.db.insertInto('users').values({ account, username }).execute();
    }
    await migrateUp(database.db);
    const rows = await database.db.selectFrom('users').select(['account', 'username']).execute();
    expect(Object.fromEntries(rows.map((row) => [row.account, row.username]))).toEqual({
      spoof: 'abcgpj.exe',
      hidden: 'admin',
      blank: null,
      fine: '张伟',
    });
    await database.db.deleteFrom('users').execute();
    await migrateToLatest(database.db);
  });
});

describe('users table', () => {
  it('keeps updated_at current and created_at fixed', async () => {
    const user = await database.db
      .insertInto('users')
      .values({ account: 'stamp', password_hash: 'x' })
      .returning(['id', 'created_at', 'updated_at'])
      .executeTakeFirstOrThrow();
    await sql`select pg_sleep(0.01)`.execute(database.db);
    const updated = await database.db
      .updateTable('users')
      .set({ username: 'Stamp' })
      .where('id', '=', user.id)
      .returning(['created_at', 'updated_at'])
      .executeTakeFirstOrThrow();
    expect(updated.created_at).toEqual(user.created_at);
    expect(updated.updated_at.getTime()).toBeGreaterThan(user.updated_at.getTime());
  });

  it('allows an account name again once its holder is soft-deleted, never twice among live users', async () => {
    await database.db.insertInto('users').values({ account: 'reused', phone: '+8613800000000' }).execute();
    await expect(database.db.insertInto('users').values({ account: 'reused' }).execute()).rejects.toThrow(
      /users_account_live_key/,
    );
    await expect(database.db.insertInto('users').values({ phone: '+8613800000000' }).execute()).rejects.toThrow(
      /users_phone_live_key/,
    );
    await database.db.updateTable('users').set({ deleted_at: new Date() }).where('account', '=', 'reused').execute();
    await database.db.insertInto('users').values({ account: 'reused', phone: '+8613800000000' }).execute();
  });

  it('rejects a phone that is not E.164', async () => {
    await expect(database.db.insertInto('users').values({ phone: '13800000000' }).execute()).rejects.toThrow(/check/);
  });
});
