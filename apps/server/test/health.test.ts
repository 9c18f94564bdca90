import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiDeps, type ApiDeps } from '@arya/api';
import { createDb } from '@arya/db';
import { findFreePort } from '@arya/dev-services';
import { buildApp } from '../src/app';
import { createTestApp, type TestApp } from './helpers';

describe('health probes', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  /** `/readyz` of a second app on the test app's config, with `deps` built on the given Postgres and Redis. */
  async function readyzWith(parts: Pick<ApiDeps, 'db' | 'redis'>) {
    const deps = await createApiDeps(t.config, { ...parts, passwordThreads: 1 });
    const app = await buildApp({ config: t.config, deps });
    try {
      const response = await app.inject('/readyz');
      return { status: response.statusCode, body: response.json() as unknown };
    } finally {
      await app.close();
    }
  }

  it('/healthz answers while the process is up', async () => {
    const response = await t.app.inject('/healthz');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ok' });
  });

  it('/readyz is 200 when Postgres and Redis answer', async () => {
    const response = await t.app.inject('/readyz');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ status: 'ready', checks: { postgres: 'ok', redis: 'ok' } });
  });

  it('/readyz is 503 and names Redis when Redis is down', async () => {
    const deadPort = await findFreePort();
    const deadRedis = new Redis(`redis://127.0.0.1:${deadPort}`, {
      lazyConnect: true,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    try {
      expect(await readyzWith({ db: t.database.db, redis: deadRedis })).toEqual({
        status: 503,
        body: { status: 'unavailable', checks: { postgres: 'ok', redis: 'down' } },
      });
    } finally {
      deadRedis.disconnect();
    }
  });

  it('/readyz is 503 and names Postgres when Postgres is down', async () => {
    const deadPort = await findFreePort();
    const deadDb = createDb(`postgres://postgres@127.0.0.1:${deadPort}/none`);
    try {
      expect(await readyzWith({ db: deadDb, redis: t.redis.redis })).toEqual({
        status: 503,
        body: { status: 'unavailable', checks: { postgres: 'down', redis: 'ok' } },
      });
    } finally {
      await deadDb.destroy();
    }
  });
});
