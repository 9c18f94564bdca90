import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
/**
 * `pnpm bench` for the server: autocannon against a real server process on loopback (production mode,
 * its own fresh database, the machine's Postgres and Redis from DATABASE_URL / REDIS_URL).
 *
 *   1. user.me on 50 connections, alternated rounds in the same run: Arya through tRPC (fast path), the same server
 *      process on tRPC's stock Fastify adapter (a second process), a plain Fastify route doing the same work, and the
 *      prototype's stack (the FastAPI stand-in, when it can run here: standin.ts) → req/s ratios, CPU µs/request, p99
 *   2. auth.login throughput (bcrypt in worker threads)
 *   3. user.me latency on 50 connections at a steady, evenly paced rate (paced-load.ts): alone (baseline), then while
 *      16 other connections run logins
 */
import autocannon, { type Result } from 'autocannon';
import { Redis } from 'ioredis';
import { findRepoRoot } from '../src/paths';
import { baseDatabaseUrl, redisUrl, startBenchServer, withAdminClient } from './harness';
import { pacedLoad, type PacedLoadResult } from './paced-load';
import { processCpuMicros, standInUnavailable, startStandIn, type StandIn } from './standin';

const seconds = Number(process.env.BENCH_DURATION_SECONDS ?? 8);

const PASSWORD = 'Quartz-Lantern-42-Orbit';
/** One account per login connection: concurrent attempts on one account count against its login limit. */
const LOGIN_CONNECTIONS = 16;
const accounts = Array.from({ length: LOGIN_CONNECTIONS }, (_, index) => `bench-user-${index}`);
/** user.me requests per second during the mixed phase: a steady load whose latency shows event-loop stalls. */
const meRate = Number(process.env.BENCH_ME_RATE ?? 200);

async function trpc(url: string, path: string, input: unknown): Promise<Record<string, unknown>> {
  const response = await fetch(`${url}/trpc/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(input),
  });
  const body = (await response.json()) as { result?: { data: Record<string, unknown> }; error?: unknown };
  if (!body.result) throw new Error(`${path} failed: ${JSON.stringify(body.error)}`);
  return body.result.data;
}

function load(options: autocannon.Options): Promise<Result> {
  return autocannon({ timeout: 30, ...options });
}

interface Measured {
  result: Result;
  /** Server CPU time (µs) spent during the run. */
  cpuMicros: number;
}

/** CPU time of the server process behind `options` (read from /proc, the same way for every stack). */
async function measure(pid: number, options: autocannon.Options): Promise<Measured> {
  const before = processCpuMicros(pid);
  const result = await load(options);
  return { result, cpuMicros: processCpuMicros(pid) - before };
}

/** Waits (at most 30 s) until a login answers within 1.5 s, i.e. no earlier logins are still queued for bcrypt. */
async function waitForIdleLogins(url: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    const started = performance.now();
    await trpc(url, 'auth.login', { account: accounts[0], password: PASSWORD });
    if (performance.now() - started < 1500) return;
  }
}

interface Row {
  name: string;
  connections: number;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** Server CPU per request in µs, where measured. */
  cpuPerRequest?: number;
}

function row(name: string, connections: number, result: Result): Row {
  return {
    name,
    connections,
    requests: result.requests.total,
    rps: Math.round(result.requests.average),
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
  };
}

function pacedRow(name: string, connections: number, result: PacedLoadResult): Row {
  return {
    name,
    connections,
    requests: result.requests,
    rps: result.rps,
    p50: result.p50,
    p99: result.p99,
    errors: result.errors,
  };
}

/** Sums alternating rounds so drift (JIT, caches, neighbours on the machine) hits both sides equally. */
function combine(name: string, connections: number, rounds: Measured[]): Row {
  const results = rounds.map((round) => round.result);
  const requests = results.reduce((sum, result) => sum + result.requests.total, 0);
  const cpuMicros = rounds.reduce((sum, round) => sum + round.cpuMicros, 0);
  const duration = results.reduce((sum, result) => sum + result.duration, 0);
  return {
    name,
    connections,
    requests,
    rps: Math.round(requests / duration),
    p50: Math.max(...results.map((result) => result.latency.p50)),
    p99: Math.max(...results.map((result) => result.latency.p99)),
    errors: results.reduce((sum, result) => sum + result.errors + result.timeouts + result.non2xx, 0),
    cpuPerRequest: Math.round(cpuMicros / requests),
  };
}

/**
 * A Redis database of its own, emptied first: the server's keys are not prefixed, and login attempts a previous run
 * left in flight would still count against the per-account and per-IP limits.
 */
const benchRedisUrl = Object.assign(new URL(redisUrl), { pathname: `/${process.env.BENCH_REDIS_DB ?? 12}` }).toString();
const benchRedis = new Redis(benchRedisUrl);
await benchRedis.flushdb();
benchRedis.disconnect();

const databaseName = `arya_bench_${randomBytes(4).toString('hex')}`;
await withAdminClient((client) => client.query(`create database ${databaseName}`));
const benchDbUrl = Object.assign(new URL(baseDatabaseUrl), { pathname: `/${databaseName}` }).toString();
const ports = process.env.BENCH_PORTS?.split(',').map(Number) ?? [0, 0, 58_000];
const { url, child } = await startBenchServer({
  databaseUrl: benchDbUrl,
  redisUrl: benchRedisUrl,
  bcryptCost: process.env.BCRYPT_COST ?? '12',
  env: { BENCH_SERVER_PORT: String(ports[0] ?? 0) },
});
const stock = await startBenchServer({
  databaseUrl: benchDbUrl,
  redisUrl: benchRedisUrl,
  bcryptCost: process.env.BCRYPT_COST ?? '12',
  env: { BENCH_SERVER_PORT: String(ports[1] ?? 0), BENCH_TRPC_ADAPTER: 'stock' },
});
const standInDir = process.env.BENCH_STANDIN_DIR ?? '/work/shared/anchors/fastapi-seed';
const standInProblem = standInUnavailable(standInDir);
let standIn: StandIn | undefined;
if (standInProblem) {
  console.log(`FastAPI stand-in skipped: ${standInProblem}`);
} else {
  standIn = await startStandIn({ dir: standInDir, redisUrl: benchRedisUrl, port: ports[2] ?? 58_000 });
}

try {
  await Promise.all(accounts.map((account) => trpc(url, 'auth.register', { account, password: PASSWORD })));
  const { accessToken } = await trpc(url, 'auth.login', { account: accounts[0], password: PASSWORD });
  const auth = { authorization: `Bearer ${String(accessToken)}` };
  const meViaTrpc = { url: `${url}/trpc/user.me`, headers: auth };
  const meViaPlainRoute = { url: `${url}/bench/me`, headers: auth };
  const stockLogin = await trpc(stock.url, 'auth.login', { account: accounts[0], password: PASSWORD });
  const meViaStockAdapter = {
    url: `${stock.url}/trpc/user.me`,
    headers: { authorization: `Bearer ${String(stockLogin.accessToken)}` },
  };
  let nextAccount = 0;
  const login: autocannon.Options = {
    url: `${url}/trpc/auth.login`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (request) => ({
          ...request,
          body: JSON.stringify({ account: accounts[nextAccount++ % accounts.length], password: PASSWORD }),
        }),
      },
    ],
  };

  const sides = [
    { name: 'user.me via tRPC (Arya, fast path)', pid: child.pid!, options: meViaTrpc },
    { name: "user.me via tRPC's stock Fastify adapter", pid: stock.child.pid!, options: meViaStockAdapter },
    { name: 'user.me plain Fastify route (same access check)', pid: child.pid!, options: meViaPlainRoute },
    ...(standIn
      ? [
          {
            name: 'FastAPI stand-in GET /user/me (1 uvicorn worker)',
            pid: standIn.pid,
            options: { url: `${standIn.url}/user/me`, headers: { authorization: standIn.authorization } },
          },
        ]
      : []),
  ];
  for (const side of sides) await load({ ...side.options, connections: 10, duration: 2 });

  const connections = 50;
  // Short alternating rounds a side: drift on a shared machine then hits every side alike.
  const rounds = 4;
  const roundSeconds = Math.max(1, Math.round(seconds / rounds));
  const measured = sides.map((): Measured[] => []);
  for (let round = 0; round < rounds; round++) {
    for (const [index, side] of sides.entries()) {
      measured[index]!.push(await measure(side.pid, { ...side.options, connections, duration: roundSeconds }));
    }
  }
  const [viaTrpc, viaStock, plain, standInRow] = sides.map((side, index) =>
    combine(side.name, connections, measured[index]!),
  ) as [Row, Row, Row, Row | undefined];

  const loginsResult = await load({ ...login, connections: LOGIN_CONNECTIONS, duration: seconds });
  const logins = row('auth.login', LOGIN_CONNECTIONS, loginsResult);
  // Logins autocannon gave up on at the end of the phase are still queued for bcrypt; let them finish, or they count
  // as in-flight attempts against the per-IP login limit of the next phase.
  await waitForIdleLogins(url);

  const pacedMe = () => pacedLoad({ ...meViaTrpc, connections: 50, ratePerSecond: meRate, durationSeconds: seconds });
  const meAlone = await pacedMe();
  const [meUnderLoad, loginsAlongside] = await Promise.all([
    pacedMe(),
    load({ ...login, connections: LOGIN_CONNECTIONS, duration: seconds }),
  ]);
  const mixed = [
    pacedRow(`user.me (50 conns, ${meRate} req/s paced) alone`, 50, meAlone),
    pacedRow(`user.me (50 conns, ${meRate} req/s paced) during logins`, 50, meUnderLoad),
    row('auth.login alongside', LOGIN_CONNECTIONS, loginsAlongside),
  ];

  const rows = [viaTrpc, viaStock, plain, ...(standInRow ? [standInRow] : []), logins, ...mixed];
  for (const [name, result] of [
    ['auth.login', loginsResult],
    ['auth.login alongside', loginsAlongside],
  ] as const) {
    const failures = Object.entries(result.statusCodeStats ?? {}).filter(([code]) => !code.startsWith('2'));
    if (failures.length > 0 || result.timeouts > 0) {
      console.log(
        `${name}: non-2xx ${JSON.stringify(Object.fromEntries(failures))}, timeouts ${result.timeouts}, ` +
          `errors ${result.errors}`,
      );
    }
  }
  const overhead = 1 - viaTrpc.rps / plain.rps;
  const cpuOverhead = viaTrpc.cpuPerRequest! / plain.cpuPerRequest! - 1;
  const fastPathGain = viaTrpc.rps / viaStock.rps - 1;
  const machine =
    `${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} ` +
    `cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const load1 = loadavg()[0]!.toFixed(1);

  console.log(
    `\nServer benchmark — ${machine}; load average ${load1} at the end; bcrypt ` +
      `cost ${process.env.BCRYPT_COST ?? '12'}; ${seconds}s per phase; autocannon on the same machine\n`,
  );
  console.table(
    rows.map((r) => ({
      phase: r.name,
      conns: r.connections,
      requests: r.requests,
      'req/s': r.rps,
      'p50 ms': r.p50,
      'p99 ms': r.p99,
      errors: r.errors,
      'server CPU µs/req': r.cpuPerRequest ?? '',
    })),
  );
  if (standInRow) {
    const ratio = viaTrpc.rps / standInRow.rps;
    console.log(
      `user.me vs the FastAPI stand-in: ${ratio.toFixed(2)}× its req/s (target ≥ 3×) ` +
        `— ${ratio >= 3 ? 'met' : 'NOT met'}; ` +
        `CPU ${viaTrpc.cpuPerRequest} vs ${standInRow.cpuPerRequest} µs/request (target ≤ 120) — ` +
        `${viaTrpc.cpuPerRequest! <= 120 ? 'met' : 'NOT met'}; p99 ${viaTrpc.p99} vs ${standInRow.p99} ms ` +
        `at ${connections} connections (target ≤ 25) — ${viaTrpc.p99 <= 25 ? 'met' : 'NOT met'}`,
    );
  }
  console.log(
    `tRPC fast path vs the stock adapter on user.me: ${(fastPathGain * 100).toFixed(1)} % more req/s, ` +
      `${viaStock.cpuPerRequest} → ${viaTrpc.cpuPerRequest} µs CPU/request (keep the fast path only if ≥ 10 %) — ` +
      `${fastPathGain >= 0.1 ? 'keep' : 'delete'}`,
  );
  console.log(
    `tRPC overhead on user.me vs plain route: ${(overhead * 100).toFixed(1)} % fewer ` +
      `req/s, ${(cpuOverhead * 100).toFixed(1)} % more server CPU per request (target ≤ 15 %) ` +
      `— ${overhead <= 0.15 ? 'met' : 'NOT met'}`,
  );
  console.log(
    `user.me p99 on 50 connections (${meRate} req/s, evenly paced) during ${LOGIN_CONNECTIONS} connections of ` +
      `logins: ${meUnderLoad.p99} ms, alone ${meAlone.p99} ms (${(meUnderLoad.p99 / meAlone.p99).toFixed(1)}×; ` +
      `target ≤ 25 ms) — ${meUnderLoad.p99 <= 25 ? 'met' : 'NOT met'}`,
  );

  const outDir = join(findRepoRoot(), '.bench');
  await mkdir(outDir, { recursive: true });
  await writeFile(
    join(outDir, 'server.json'),
    `${JSON.stringify(
      {
        machine,
        load1,
        seconds,
        meRate,
        rows,
        overhead,
        cpuOverhead,
        fastPathGain,
        meAlone,
        meUnderLoad,
        at: new Date().toISOString(),
      },
      null,
      2,
    )}\n`,
  );
} finally {
  await standIn?.stop();
  for (const server of [child, stock.child]) {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
  }
  await withAdminClient((client) => client.query(`drop database if exists ${databaseName} with (force)`));
}
