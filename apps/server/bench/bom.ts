import type { ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { createTRPCClient } from '@trpc/client';
import { Client } from 'pg';
/**
 * `pnpm bench` for BOM runs through the server: a real server process on loopback (production mode, its own fresh
 * database, the machine's Postgres and Redis), driven over HTTP with the typed client.
 *
 *   1. baseline: the engine alone, in this process (applyOperations on the same 20,000-row workbook, 2,000 ops)
 *   2. upload → inspect → run → progress until done → download link → downloaded bytes, timed end to end, with the
 *      server's event-loop delay over the same span (read from a bench-only route)
 *   3. user.me latency at a steady, evenly paced rate (paced-load.ts) with no run, then while large runs execute back
 *      to back
 */
import type { AppRouter } from '@arya/api';
import { applyOperations } from '@arya/bom';
import { generateBomWorkbook } from '@arya/bom/fixtures';
import { aryaLinks } from '@arya/client/links';
import { findRepoRoot } from '../src/paths';
import { baseDatabaseUrl, redisUrl, startBenchServer, withAdminClient } from './harness';
import { pacedLoad, type PacedLoadResult } from './paced-load';

const ROWS = Number(process.env.BENCH_BOM_ROWS ?? 20_000);
const OPS = Number(process.env.BENCH_BOM_OPS ?? 2000);
const ROUNDS = Number(process.env.BENCH_BOM_ROUNDS ?? 3);
const ME_SECONDS = Number(process.env.BENCH_DURATION_SECONDS ?? 8);
const ME_RATE = Number(process.env.BENCH_ME_RATE ?? 200);
const PASSWORD = 'Quartz-Lantern-42-Orbit';

function clientFor(url: string, token: string | null) {
  const headers = (): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {});
  return createTRPCClient<AppRouter>({ links: aryaLinks({ url: `${url}/trpc`, headers }) });
}
type BenchClient = ReturnType<typeof clientFor>;

function untilDone(client: BenchClient, runId: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const subscription = client.bom.runs.progress.subscribe(
      { runId },
      {
        onData: ({ data }) => {
          if (data.status === 'done' || data.status === 'failed') {
            subscription.unsubscribe();
            if (data.status === 'done') resolve();
            else reject(new Error(`run failed: ${JSON.stringify(data.error)}`));
          }
        },
        onError: reject,
      },
    );
  });
}

async function eventLoop(url: string): Promise<{ maxMs: number; p99Ms: number; meanMs: number }> {
  return (await fetch(`${url}/bench/event-loop?reset=1`)).json() as Promise<{
    maxMs: number;
    p99Ms: number;
    meanMs: number;
  }>;
}

const median = (values: number[]) => values.toSorted((a, b) => a - b)[Math.floor(values.length / 2)]!;
const round = (value: number) => Math.round(value * 10) / 10;

const generated = generateBomWorkbook({ rows: ROWS, opsCount: OPS, seed: 2026 });
const form = () => {
  const data = new FormData();
  data.set('kind', 'bom');
  data.set('file', new File([generated.bom], `bench-${ROWS}.xlsx`));
  return data;
};

// 1. Baseline: the engine alone in this process.
applyOperations(generated.bom, { kind: 'sheet' }); // warm-up
const engineMs: number[] = [];
for (let i = 0; i < ROUNDS; i++) {
  const started = performance.now();
  applyOperations(generated.bom, { kind: 'sheet' });
  engineMs.push(performance.now() - started);
}

const databaseName = `arya_bench_bom_${randomBytes(4).toString('hex')}`;
await withAdminClient((client) => client.query(`create database ${databaseName}`));
const databaseUrl = (() => {
  const parsed = new URL(baseDatabaseUrl);
  parsed.pathname = `/${databaseName}`;
  return parsed.toString();
})();
let child: ChildProcess | undefined;

/** Identical bytes reuse the stored file; forgetting earlier uploads makes every round store and inspect again. */
async function forgetUploads(): Promise<void> {
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query('update bom_files set deleted_at = now() where deleted_at is null');
  } finally {
    await db.end();
  }
}

try {
  const started = await startBenchServer({ databaseUrl, redisUrl, bcryptCost: '10' });
  child = started.child;
  const url = started.url;
  const anonymous = clientFor(url, null);
  const { accessToken } = await anonymous.auth.register.mutate({ account: 'bench-bom', password: PASSWORD });
  const client = clientFor(url, accessToken);

  // Warm the worker thread (first start loads the engine) so round 1 is not an outlier of start-up cost.
  const warm = await client.bom.files.upload.mutate(form());
  await untilDone(client, (await client.bom.runs.create.mutate({ bomFileId: warm.fileId })).runId);
  await forgetUploads();

  // 2. Upload → downloadable result through the server.
  const rounds: Array<{
    totalMs: number;
    uploadMs: number;
    runMs: number;
    downloadMs: number;
    loop: Awaited<ReturnType<typeof eventLoop>>;
  }> = [];
  for (let i = 0; i < ROUNDS; i++) {
    await eventLoop(url);
    const t0 = performance.now();
    const uploaded = await client.bom.files.upload.mutate(form());
    const t1 = performance.now();
    const { runId } = await client.bom.runs.create.mutate({ bomFileId: uploaded.fileId });
    await untilDone(client, runId);
    const t2 = performance.now();
    const link = await client.bom.runs.downloadUrl.mutate({ runId });
    const bytes = await (await fetch(`${url}${link.url}`)).arrayBuffer();
    const t3 = performance.now();
    if (bytes.byteLength === 0) throw new Error('empty download');
    rounds.push({
      totalMs: t3 - t0,
      uploadMs: t1 - t0,
      runMs: t2 - t1,
      downloadMs: t3 - t2,
      loop: await eventLoop(url),
    });
    await forgetUploads();
  }

  // 3. user.me at a steady rate: idle, then while runs execute back to back.
  const meLoad = (): Promise<PacedLoadResult> =>
    pacedLoad({
      url: `${url}/trpc/user.me`,
      connections: 10,
      ratePerSecond: ME_RATE,
      durationSeconds: ME_SECONDS,
      headers: { authorization: `Bearer ${accessToken}` },
    });
  await eventLoop(url);
  const idle = await meLoad();
  const idleLoop = await eventLoop(url);
  const file = await client.bom.files.upload.mutate(form());
  const load = { running: true, runsCompleted: 0 };
  const runner = (async () => {
    while (load.running) {
      await untilDone(client, (await client.bom.runs.create.mutate({ bomFileId: file.fileId })).runId);
      load.runsCompleted++;
    }
  })();
  await eventLoop(url);
  const busy = await meLoad();
  const busyLoop = await eventLoop(url);
  load.running = false;
  await runner;

  const machine =
    `${cpus()[0]?.model ?? 'unknown CPU'}, ${availableParallelism()} ` +
    `cores, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  const engine = median(engineMs);
  const total = median(rounds.map((r) => r.totalMs));
  const summary = {
    machine,
    load1: round(loadavg()[0]!),
    workbook: { rows: ROWS, ops: OPS, bytes: generated.bom.byteLength },
    engineAloneMs: round(engine),
    throughServer: {
      totalMs: round(total),
      uploadAndInspectMs: round(median(rounds.map((r) => r.uploadMs))),
      queueRunStoreMs: round(median(rounds.map((r) => r.runMs))),
      downloadMs: round(median(rounds.map((r) => r.downloadMs))),
      eventLoopMaxMs: round(Math.max(...rounds.map((r) => r.loop.maxMs))),
      ratioToEngineAlone: round(total / engine),
    },
    userMe: {
      rate: ME_RATE,
      seconds: ME_SECONDS,
      idle: { p50: idle.p50, p99: idle.p99, max: idle.max, errors: idle.errors, eventLoopMaxMs: round(idleLoop.maxMs) },
      duringRuns: {
        p50: busy.p50,
        p99: busy.p99,
        max: busy.max,
        errors: busy.errors,
        runsCompleted: load.runsCompleted,
        eventLoopMaxMs: round(busyLoop.maxMs),
      },
      p99Ratio: round(busy.p99 / Math.max(1, idle.p99)),
    },
    at: new Date().toISOString(),
  };

  console.log(
    `\nBOM benchmark — ${machine}; load average ${summary.load1}; ${ROWS} rows, ${OPS} ` +
      `ops, ${round(generated.bom.byteLength / 2 ** 20)} MiB; median of ${ROUNDS}\n`,
  );
  console.table({
    'engine alone (in-process)': { ms: summary.engineAloneMs, ratio: 1 },
    'upload → downloaded result (server)': {
      ms: summary.throughServer.totalMs,
      ratio: summary.throughServer.ratioToEngineAlone,
    },
    '  upload + inspect': {
      ms: summary.throughServer.uploadAndInspectMs,
      ratio: round(summary.throughServer.uploadAndInspectMs / engine),
    },
    '  queue + run + store (until done event)': {
      ms: summary.throughServer.queueRunStoreMs,
      ratio: round(summary.throughServer.queueRunStoreMs / engine),
    },
    '  download link + GET': {
      ms: summary.throughServer.downloadMs,
      ratio: round(summary.throughServer.downloadMs / engine),
    },
  });
  console.log(`server event loop max delay during upload→download: ${summary.throughServer.eventLoopMaxMs} ms`);
  console.log(
    `user.me at ${ME_RATE} req/s (evenly paced): p50/p99/max idle ${idle.p50}/${idle.p99}/${idle.max} ms, during ` +
      `runs ${busy.p50}/${busy.p99}/${busy.max} ms (${load.runsCompleted} runs completed; target p99 ≤ 50 ms) ` +
      `— ${busy.p99 <= 50 ? 'met' : 'NOT met'}; event loop max ${summary.userMe.idle.eventLoopMaxMs} ms ` +
      `idle, ${summary.userMe.duringRuns.eventLoopMaxMs} ms during runs`,
  );
  const outDir = join(findRepoRoot(), '.bench');
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, 'bom.json'), `${JSON.stringify(summary, null, 2)}\n`);
} finally {
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child?.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  await withAdminClient((client) => client.query(`drop database if exists ${databaseName} with (force)`));
}
