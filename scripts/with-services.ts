/**
 * Runs a command with Postgres and Redis available: `tsx scripts/with-services.ts -- <command…>`.
 * DATABASE_URL / REDIS_URL from the environment are used as they are; when one is unset a throwaway
 * server is started (embedded Postgres in a temp dir, redis-server on a free port) and removed afterwards.
 * The command's exit code becomes this script's exit code.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  RedisBinaryMissingError,
  startEmbeddedPostgres,
  startRedisServer,
  type LocalService,
} from '@arya/dev-services';

const log = (line: string) => console.error(`[with-services] ${line}`);

const separator = process.argv.indexOf('--');
const command = separator === -1 ? [] : process.argv.slice(separator + 1);
if (command.length === 0) {
  log('usage: tsx scripts/with-services.ts -- <command> [args…]');
  process.exit(2);
}

const started: LocalService[] = [];
let tempDir: string | undefined;

async function teardown(): Promise<void> {
  await Promise.allSettled(started.toReversed().map((service) => service.stop()));
  if (tempDir) await rm(tempDir, { recursive: true, force: true });
}

async function provideServices(): Promise<NodeJS.ProcessEnv> {
  const env = { ...process.env };
  if (!env.DATABASE_URL) {
    tempDir = await mkdtemp(join(tmpdir(), 'arya-pg-'));
    const postgres = await startEmbeddedPostgres({
      dataDir: join(tempDir, 'data'),
      persistent: false,
      database: 'test',
      log,
    });
    started.push(postgres);
    env.DATABASE_URL = postgres.url;
  }
  if (!env.REDIS_URL) {
    const redis = await startRedisServer(log);
    started.push(redis);
    env.REDIS_URL = redis.url;
  }
  return env;
}

function run(env: NodeJS.ProcessEnv): Promise<number> {
  const [file, ...args] = command as [string, ...string[]];
  const child = spawn(file, args, { stdio: 'inherit', env });
  const forward = (signal: NodeJS.Signals) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  return new Promise((resolve) => {
    child.once('error', (error) => {
      log(`could not run ${file}: ${error.message}`);
      resolve(127);
    });
    child.once('exit', (code, signal) => resolve(code ?? 128 + (signal ? constants.signals[signal] : 0)));
  });
}

let exitCode = 1;
try {
  exitCode = await run(await provideServices());
} catch (error) {
  log(error instanceof RedisBinaryMissingError ? error.message : `could not start services: ${String(error)}`);
} finally {
  await teardown();
}
process.exit(exitCode);
