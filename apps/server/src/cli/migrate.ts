import { createDb, migrateToLatest } from '@arya/db';

/** Applies pending migrations to DATABASE_URL (the built equivalent of `pnpm db:migrate`). */
const url = process.env.DATABASE_URL;
if (!url) {
  console.error('DATABASE_URL is not set: point it at the Postgres database to migrate.');
  process.exit(1);
}
const db = createDb(url, { maxConnections: 1, applicationName: 'arya-migrate' });
try {
  const { applied } = await migrateToLatest(db);
  console.log(applied.length === 0 ? 'nothing to do' : applied.map((m) => `applied ${m.migrationName}`).join('\n'));
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
