import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { Client } from 'pg';
import { createDb, migrateToLatest, migrations, type DB } from '@arya/db';

export interface TestDatabase {
  db: Kysely<DB>;
  /** Connection string of this file's own database. */
  url: string;
  /** Closes the pool and drops the database. */
  drop: () => Promise<void>;
}

/** Any constant works; it only has to be the same for every worker. */
const TEMPLATE_LOCK_KEY = 74_215_001;

export function baseDatabaseUrl(): string {
  const url = process.env['TEST_DATABASE_URL'] ?? process.env['DATABASE_URL'];
  if (!url) {
    throw new Error(
      'DATABASE_URL (or TEST_DATABASE_URL) must point at a Postgres server where the test user may CREATE DATABASE',
    );
  }
  return url;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** Name of the template for the current migration set: a changed migration gives a new template. */
function templateName(): string {
  const fingerprint = createHash('sha256');
  for (const [name, migration] of Object.entries(migrations)) {
    fingerprint
      .update(name)
      .update(migration.up.toString())
      .update(migration.down?.toString() ?? '');
  }
  return `arya_tpl_${fingerprint.digest('hex').slice(0, 16)}`;
}

const quote = (identifier: string) => `"${identifier.replaceAll('"', '""')}"`;

async function databaseExists(admin: Client, name: string): Promise<boolean> {
  const result = await admin.query('select 1 from pg_database where datname = $1', [name]);
  return result.rowCount === 1;
}

/** Builds the migrated template under a different name first, so a crash mid-way never leaves a half-made template. */
async function ensureTemplate(admin: Client, base: string, template: string): Promise<void> {
  if (await databaseExists(admin, template)) return;
  const building = `${template}_building`;
  await admin.query(`drop database if exists ${quote(building)} with (force)`);
  await admin.query(`create database ${quote(building)}`);
  const db = createDb(withDatabase(base, building), { maxConnections: 1, applicationName: 'arya-test-template' });
  try {
    await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
  await admin.query(`alter database ${quote(building)} rename to ${quote(template)}`);
}

const STALE_AFTER_MS = 6 * 60 * 60 * 1000;

/** Drops test databases left by runs that crashed before `drop()` (their name starts with the creation time). */
async function dropStaleTestDatabases(admin: Client, now: number): Promise<void> {
  const result = await admin.query<{ datname: string }>(
    "select datname from pg_database where datname like 'arya\\_test\\_%'",
  );
  for (const { datname } of result.rows) {
    const createdAt = Number.parseInt(datname.split('_')[2] ?? '', 36);
    if (Number.isFinite(createdAt) && now - createdAt > STALE_AFTER_MS) {
      await admin.query(`drop database if exists ${quote(datname)} with (force)`);
    }
  }
}

/**
 * A fresh database for one test file, cloned from a template migrated once per migration set. Safe for parallel
 * vitest workers: template creation and cloning are serialised by an advisory lock on the base database.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const base = baseDatabaseUrl();
  const template = templateName();
  const name = `arya_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: base, application_name: 'arya-test-admin' });
  await admin.connect();
  try {
    await admin.query('select pg_advisory_lock($1)', [TEMPLATE_LOCK_KEY]);
    try {
      await ensureTemplate(admin, base, template);
      await admin.query(`create database ${quote(name)} template ${quote(template)}`);
      await dropStaleTestDatabases(admin, Date.now());
    } finally {
      await admin.query('select pg_advisory_unlock($1)', [TEMPLATE_LOCK_KEY]);
    }
  } finally {
    await admin.end();
  }

  const url = withDatabase(base, name);
  const db = createDb(url, { maxConnections: 5, applicationName: 'arya-test' });
  let dropped = false;
  return {
    db,
    url,
    drop: async () => {
      if (dropped) return;
      dropped = true;
      await db.destroy();
      const cleaner = new Client({ connectionString: base });
      await cleaner.connect();
      try {
        // pg's pool.end() resolves before its sockets have closed; terminating a connection that is still closing makes
        // its client emit an error nobody listens to (an uncaught exception in the test run). Wait for them to go
        // first.
        for (let waited = 0; waited < 5000; waited += 50) {
          const open = await cleaner.query<{ n: string }>(
            'select count(*) as n from pg_stat_activity where datname = $1',
            [name],
          );
          if (open.rows[0]?.n === '0') break;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        await cleaner.query(`drop database if exists ${quote(name)} with (force)`);
      } finally {
        await cleaner.end();
      }
    },
  };
}
