import { createDb } from '../client';
import { migrateDown, migrateToLatest, migrateUp, type MigrationReport } from '../migrate';

const commands = { latest: migrateToLatest, up: migrateUp, down: migrateDown } as const;

function isCommand(value: string): value is keyof typeof commands {
  return Object.hasOwn(commands, value);
}

const command = process.argv[2] ?? 'latest';
const url = process.env['DATABASE_URL'];
if (!url) {
  console.error('DATABASE_URL is not set: point it at the Postgres database to migrate.');
  process.exit(1);
}
if (!isCommand(command)) {
  console.error(`unknown command "${command}": use one of ${Object.keys(commands).join(', ')}`);
  process.exit(1);
}

const db = createDb(url, { maxConnections: 1, applicationName: 'arya-migrate' });
try {
  const report: MigrationReport = await commands[command](db);
  if (report.applied.length === 0) console.log('nothing to do');
  for (const r of report.applied) console.log(`${r.direction === 'Up' ? 'applied' : 'reverted'} ${r.migrationName}`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await db.destroy();
}
