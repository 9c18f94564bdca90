/**
 * The server as `pnpm start` runs it, plus one plain Fastify route (`GET /bench/me`) doing the same work as
 * `user.me` (the same access check: verify the token, session and user state) without tRPC, so the
 * benchmark can put a number on tRPC's overhead. Prints `READY <url>` when listening.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import { accessVerdict } from '@arya/api';
import { buildApp } from '../src/app';
import { openRuntime, type Runtime } from '../src/runtime';

function addPlainMeRoute(app: FastifyInstance, { deps }: Runtime): void {
  app.get('/bench/me', async (request, reply) => {
    const verdict = await accessVerdict(deps, request);
    if (!verdict.allowed) return reply.code(401).send({ error: verdict.error.messageKey });
    const { user } = verdict.viewer;
    return {
      id: user.id,
      account: user.account,
      username: user.username,
      phone: user.phone,
      phoneVerifiedAt: user.phone_verified_at?.toISOString() ?? null,
      role: user.role,
      createdAt: user.created_at.toISOString(),
    };
  });
}

/**
 * CPU time the server process has used, so the runner can compare CPU per request, which neighbours on a busy machine
 * distort far less than throughput.
 */
function addCpuRoute(app: FastifyInstance): void {
  app.get('/bench/cpu', async () => {
    const { user, system } = process.cpuUsage();
    return { micros: user + system };
  });
}

/** `GET /bench/event-loop?reset=1`: the event loop's delay since the last reset (ms), for the BOM benchmark. */
function addEventLoopRoute(app: FastifyInstance): void {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  histogram.enable();
  app.addHook('onClose', async () => histogram.disable());
  app.get<{ Querystring: { reset?: string } }>('/bench/event-loop', (request, reply) => {
    const reading = { maxMs: histogram.max / 1e6, p99Ms: histogram.percentile(99) / 1e6, meanMs: histogram.mean / 1e6 };
    if (request.query.reset) histogram.reset();
    return reply.send(reading);
  });
}

const runtime = await openRuntime(process.env);
const app = await buildApp({
  config: runtime.config,
  deps: runtime.deps,
  logger: runtime.log,
  disableTrpcFastPath: process.env.BENCH_TRPC_ADAPTER === 'stock',
});
addPlainMeRoute(app, runtime);
addCpuRoute(app);
addEventLoopRoute(app);
await app.listen({ port: Number(process.env.BENCH_SERVER_PORT ?? 0), host: '127.0.0.1' });
const { port } = app.server.address() as { port: number };
console.log(`READY http://127.0.0.1:${port}`);

const stop = () =>
  void app
    .close()
    .then(() => runtime.close())
    .then(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
