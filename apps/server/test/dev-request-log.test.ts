import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiDeps } from '@arya/api';
import { createTestDatabase, createTestRedis, type TestDatabase, type TestRedis } from '@arya/testing';
import { buildApp } from '../src/app';
import { testConfig } from './helpers';

describe('the development log', () => {
  let database: TestDatabase;
  let redis: TestRedis;
  let app: Awaited<ReturnType<typeof buildApp>>;
  const lines: Array<{ msg?: string }> = [];
  beforeAll(async () => {
    database = await createTestDatabase();
    redis = createTestRedis();
    const config = testConfig(database, { NODE_ENV: 'development', LOG_LEVEL: 'info' });
    const logger = pino({ level: 'info' }, { write: (line: string) => void lines.push(JSON.parse(line)) });
    const deps = await createApiDeps(config, { db: database.db, redis: redis.redis, passwordThreads: 1, logger });
    app = await buildApp({ config, deps, logger });
  });
  afterAll(async () => {
    await app.close();
    await redis.cleanup();
    await database.drop();
  });

  it('has one short line per request (none for the probes) and an SMS code framed to stand out', async () => {
    await app.inject('/trpc/auth.registrationMode');
    await app.inject('/healthz');
    await app.inject({ method: 'POST', url: '/trpc/sms.send', payload: { phone: '13900007777', purpose: 'login' } });
    const messages = lines.map((line) => line.msg ?? '');
    expect(messages.filter((msg) => /request|→/.test(msg))).toEqual([
      expect.stringMatching(/^GET \/trpc\/auth\.registrationMode → 200 \d+ ms$/),
      expect.stringMatching(/^POST \/trpc\/sms\.send → 200 \d+ ms$/),
    ]);
    expect(messages).toContainEqual(expect.stringMatching(/^>>> SMS code \d{6} for \+8613900007777 \(login\) <<<$/));
  });
});
