import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, createTestRedis, type TestDatabase, type TestRedis } from '@arya/testing';
import { apiConfigSchema, closeApiDeps, createApiDeps, type ApiConfig } from '../src';
import { baseTestConfig } from './helpers/harness';

let database: TestDatabase;
let redis: TestRedis;
let config: ApiConfig;

beforeAll(async () => {
  database = await createTestDatabase();
  redis = createTestRedis();
  config = apiConfigSchema.parse({
    ...(await baseTestConfig()),
    DATABASE_URL: database.url,
    REDIS_URL: process.env['REDIS_URL'] ?? process.env['TEST_REDIS_URL'],
  });
});
afterAll(async () => {
  await redis.cleanup();
  await database.drop();
});

describe('createApiDeps / closeApiDeps', () => {
  it('opens what the config names and closes all of it', async () => {
    const deps = await createApiDeps(config, { passwordThreads: 1 });
    await sql`select 1`.execute(deps.db);
    expect(await deps.redis.ping()).toBe('PONG');
    const hash = await deps.passwords.hash('a fine password');
    expect(hash).toMatch(/^\$2[ab]\$10\$/);
    expect(await deps.passwords.verify('a fine password', hash)).toBe(true);
    await closeApiDeps(deps);
    await expect(sql`select 1`.execute(deps.db)).rejects.toThrow(/destroyed/);
    await expect(deps.redis.ping()).rejects.toThrow(/closed/i);
  });

  it('leaves the parts passed in open for their owner', async () => {
    const deps = await createApiDeps(config, { db: database.db, redis: redis.redis, passwordThreads: 1 });
    await closeApiDeps(deps);
    await sql`select 1`.execute(database.db);
    expect(await redis.redis.ping()).toBe('PONG');
  });

  it('says which variable is missing when nothing replaces it', async () => {
    await expect(createApiDeps({ ...config, DATABASE_URL: undefined }, { redis: redis.redis })).rejects.toThrow(
      /DATABASE_URL/,
    );
  });
});
