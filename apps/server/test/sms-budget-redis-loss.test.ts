import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestClock } from '@arya/testing';
import { createSmsTestApp, listenOnLoopback, uniquePhone, type SmsTestApp, type TestApp } from './helpers';

// The global SMS budget is a money guard: Redis losing its counters (FLUSHALL, a failover to an empty replica, an
// eviction under maxmemory) must not hand out a fresh budget. The counters are rebuilt from the durable record of
// accepted sends (sms_messages). Real server in production mode over loopback HTTP, real Redis and Postgres, the
// Dysmsapi emulator through the real Aliyun SDK.
const apps: SmsTestApp[] = [];

afterEach(async () => {
  for (const app of apps.splice(0)) await app.close();
});

/** A server with an emulator of its own, for one test. */
async function startServer(env: Record<string, string>) {
  const server = await createSmsTestApp({
    clock: createTestClock('2026-11-30T10:20:00.000Z'),
    env: { NODE_ENV: 'production', SMS_POW_AFTER: '1000', ALIYUN_SMS_TIMEOUT_MS: '1500', ...env },
  });
  apps.push(server);
  return { server, baseUrl: await listenOnLoopback(server.app) };
}

/** What FLUSHALL does to this server's keys (the shared test Redis keeps other files' keys). */
async function flushServerKeys(server: TestApp): Promise<void> {
  const sweeper = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  try {
    const keys = await sweeper.keys(`${server.redis.keyPrefix}*`);
    expect(keys.some((key) => key.includes('sms:budget:'))).toBe(true);
    await sweeper.del(...keys);
  } finally {
    sweeper.disconnect();
  }
}

async function send(baseUrl: string): Promise<number> {
  const response = await fetch(`${baseUrl}/trpc/sms.send`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ phone: uniquePhone(), purpose: 'login' }),
  });
  return response.status;
}

describe('SMS budget when Redis loses its keys', () => {
  it('a flush between sends does not reset the hour and day budgets', async () => {
    const { server, baseUrl } = await startServer({ SMS_MAX_PER_HOUR: '3', SMS_MAX_PER_DAY: '1000' });
    expect([await send(baseUrl), await send(baseUrl)]).toEqual([200, 200]);
    await flushServerKeys(server);
    expect([await send(baseUrl), await send(baseUrl), await send(baseUrl)]).toEqual([200, 503, 503]);
    expect(server.emulator.messages()).toHaveLength(3);
  });

  it('parallel sends right after a flush still stop at the budget', async () => {
    const { server, baseUrl } = await startServer({ SMS_MAX_PER_HOUR: '1000', SMS_MAX_PER_DAY: '5' });
    expect([await send(baseUrl), await send(baseUrl)]).toEqual([200, 200]);
    await flushServerKeys(server);
    const statuses = await Promise.all(Array.from({ length: 8 }, () => send(baseUrl)));
    expect(statuses.filter((status) => status === 200)).toHaveLength(3);
    expect(server.emulator.messages()).toHaveLength(5);
  });

  it('a send that fails after the keys were lost does not leave the budget below what was sent', async () => {
    const { server, baseUrl } = await startServer({ SMS_MAX_PER_HOUR: '3', SMS_MAX_PER_DAY: '1000' });
    expect([await send(baseUrl), await send(baseUrl)]).toEqual([200, 200]);
    // The provider holds this one past the client's timeout; Redis loses its keys meanwhile; the send is given back.
    server.emulator.injectFault({ kind: 'delay', ms: 4000 });
    const failing = send(baseUrl);
    await sleep(500);
    await flushServerKeys(server);
    expect(await failing).toBe(503);
    expect([await send(baseUrl), await send(baseUrl)]).toEqual([200, 503]);
  });
});
