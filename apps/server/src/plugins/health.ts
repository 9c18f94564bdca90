import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

/** A dependency the server needs to answer requests; resolves when it answers, rejects otherwise. */
export type ReadinessCheck = () => Promise<unknown>;

export interface HealthOptions {
  checks: Record<string, ReadinessCheck>;
  /** A check slower than this counts as down, so a hung dependency cannot hang the probe. */
  timeoutMs?: number;
}

function withTimeout(check: ReadinessCheck, timeoutMs: number): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  return Promise.race([check(), timeout]).finally(() => clearTimeout(timer));
}

/** `/healthz`: the process is up. `/readyz`: every dependency answers (503 and which one failed otherwise). */
export const healthPlugin = fp<HealthOptions>(
  async (app: FastifyInstance, { checks, timeoutMs = 2000 }) => {
    app.get('/healthz', async () => ({ status: 'ok' }));

    app.get('/readyz', async (request, reply) => {
      const names = Object.keys(checks);
      const outcomes = await Promise.allSettled(names.map((name) => withTimeout(checks[name]!, timeoutMs)));
      const results: Record<string, 'ok' | 'down'> = {};
      outcomes.forEach((outcome, index) => {
        const name = names[index]!;
        results[name] = outcome.status === 'fulfilled' ? 'ok' : 'down';
        if (outcome.status === 'rejected')
          request.log.warn({ check: name, err: outcome.reason }, 'readiness check failed');
      });
      const ready = Object.values(results).every((result) => result === 'ok');
      return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'unavailable', checks: results });
    });
  },
  { name: 'arya-health' },
);
