/**
 * The prototype's stack as a performance peer: the FastAPI stand-in (`/work/shared/anchors/fastapi-seed`, or
 * BENCH_STANDIN_DIR) run by one uvicorn worker on this machine's Postgres (a fresh database) and the benchmark's Redis
 * database, as its README describes but without its throwaway clusters, so both stacks share the same services.
 * Needs Debian's python3-fastapi, -uvicorn, -uvloop, -httptools, -asyncpg, -jose, -passlib, -bcrypt, -redis,
 * -multipart for /usr/bin/python3; without them (or the folder) the benchmark skips it and says why.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { baseDatabaseUrl, withAdminClient } from './harness';

const PYTHON = '/usr/bin/python3';
const MODULES = ['fastapi', 'uvicorn', 'uvloop', 'httptools', 'asyncpg', 'jose', 'passlib', 'redis', 'multipart'];

export interface StandIn {
  url: string;
  pid: number;
  /** Authorization header of a signed-in user, for GET /user/me. */
  authorization: string;
  stop: () => Promise<void>;
}

/** Why the stand-in cannot run here, or undefined when it can. */
export function standInUnavailable(dir: string): string | undefined {
  if (!existsSync(join(dir, 'app.py'))) return `no stand-in at ${dir} (set BENCH_STANDIN_DIR)`;
  if (!existsSync(PYTHON)) return `${PYTHON} is missing`;
  const probe = spawnSync(PYTHON, ['-c', `import ${MODULES.join(', ')}`], { encoding: 'utf8' });
  if (probe.status !== 0) {
    const missing = /No module named '([^']+)'/.exec(probe.stderr ?? '')?.[1];
    if (!missing) return `${PYTHON} failed to import ${MODULES.join(', ')}: ${probe.error?.message ?? probe.stderr}`;
    return (
      `${PYTHON} lacks ${missing} (apt-get install python3-fastapi python3-uvicorn python3-uvloop ` +
      `python3-httptools python3-asyncpg python3-jose python3-passlib python3-bcrypt python3-redis python3-multipart)`
    );
  }
  return undefined;
}

/** CPU time (µs) a process has used, from /proc (Linux). */
export function processCpuMicros(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  // utime and stime are fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 per second on Linux).
  return (Number(fields[11]) + Number(fields[12])) * 10_000;
}

async function waitForUp(url: string, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the stand-in exited with ${child.exitCode}`);
    const up = await fetch(`${url}/user/all`).then(
      (response) => response.ok,
      () => false,
    );
    if (up) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the stand-in did not come up within 30 s');
}

export async function startStandIn(options: { dir: string; redisUrl: string; port: number }): Promise<StandIn> {
  const database = `arya_bench_standin_${process.pid}`;
  await withAdminClient(async (client) => {
    await client.query(`drop database if exists ${database} with (force)`);
    await client.query(`create database ${database}`);
  });
  const dsn = Object.assign(new URL(baseDatabaseUrl), { pathname: `/${database}` }).toString();
  const { Client } = await import('pg');
  const schema = new Client({ connectionString: dsn });
  await schema.connect();
  await schema.query(readFileSync(join(options.dir, 'schema.sql'), 'utf8'));
  await schema.end();

  const url = `http://127.0.0.1:${options.port}`;
  const child = spawn(
    PYTHON,
    [
      '-m',
      'uvicorn',
      'app:app',
      '--host',
      '127.0.0.1',
      '--port',
      String(options.port),
      '--workers',
      '1',
      '--loop',
      'uvloop',
      '--http',
      'httptools',
      '--log-level',
      'warning',
      '--no-access-log',
    ],
    { cwd: options.dir, env: { ...process.env, PG_DSN: dsn, REDIS_URL: options.redisUrl }, stdio: 'inherit' },
  );
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    await withAdminClient((client) => client.query(`drop database if exists ${database} with (force)`));
  };
  try {
    await waitForUp(url, child);
    const account = 'bench-standin';
    await fetch(`${url}/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ account, password: 'Quartz-Lantern-42-Orbit' }),
    });
    const login = await fetch(`${url}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: account, password: 'Quartz-Lantern-42-Orbit' }),
    });
    const { access_token: token } = (await login.json()) as { access_token: string };
    return { url, pid: child.pid!, authorization: `Bearer ${token}`, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
