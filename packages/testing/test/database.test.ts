import { Client } from 'pg';
import { describe, expect, it } from 'vitest';
import { baseDatabaseUrl, createTestDatabase } from '../src';

async function databaseNames(): Promise<string[]> {
  const admin = new Client({ connectionString: baseDatabaseUrl() });
  await admin.connect();
  try {
    const result = await admin.query<{ datname: string }>('select datname from pg_database');
    return result.rows.map((r) => r.datname);
  } finally {
    await admin.end();
  }
}

describe('createTestDatabase', () => {
  it('gives parallel callers separate, migrated databases and drops them', async () => {
    const [a, b, c] = await Promise.all([createTestDatabase(), createTestDatabase(), createTestDatabase()]);
    if (!a || !b || !c) throw new Error('expected three databases');
    expect(new Set([a.url, b.url, c.url]).size).toBe(3);
    await a.db.insertInto('users').values({ account: 'only-in-a' }).execute();
    expect(await b.db.selectFrom('users').select('account').execute()).toEqual([]);
    expect(await a.db.selectFrom('users').select('account').execute()).toEqual([{ account: 'only-in-a' }]);
    const names = [a, b, c].map((d) => new URL(d.url).pathname.slice(1));
    await Promise.all([a.drop(), b.drop(), c.drop()]);
    const remaining = await databaseNames();
    expect(names.filter((n) => remaining.includes(n))).toEqual([]);
  });

  it('drops test databases abandoned more than six hours ago', async () => {
    const staleName = `arya_test_${(Date.now() - 7 * 3600 * 1000).toString(36)}_deadbeef`;
    const admin = new Client({ connectionString: baseDatabaseUrl() });
    await admin.connect();
    await admin.query(`create database "${staleName}"`);
    await admin.end();
    const fresh = await createTestDatabase();
    await fresh.drop();
    expect(await databaseNames()).not.toContain(staleName);
  });
});
