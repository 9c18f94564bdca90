import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { startEmbeddedPostgres } from '../src/postgres';
import { startRedisServer } from '../src/redis';

async function query(url: string, text: string): Promise<unknown[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows;
  } finally {
    await client.end();
  }
}

describe('embedded Postgres starter', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('keeps data across a stop and a restart when persistent', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'arya-pg-test-'));
    dirs.push(dir);
    const dataDir = join(dir, 'postgres');

    const first = await startEmbeddedPostgres({ dataDir, persistent: true, database: 'kept' });
    await query(first.url, "create table note (body text); insert into note values ('survives')");
    await first.stop();

    const second = await startEmbeddedPostgres({ dataDir, persistent: true, database: 'kept' });
    try {
      expect(await query(second.url, 'select body from note')).toEqual([{ body: 'survives' }]);
    } finally {
      await second.stop();
    }
  });
});

describe('redis-server starter', () => {
  it('starts a throwaway server that answers and is gone after stop', async () => {
    const redis = await startRedisServer();
    const { Redis } = await import('ioredis');
    const client = new Redis(redis.url, { maxRetriesPerRequest: 0, retryStrategy: () => null });
    expect(await client.ping()).toBe('PONG');
    client.disconnect();
    await redis.stop();
    const after = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    after.on('error', () => {});
    await expect(after.connect()).rejects.toThrow(/ECONNREFUSED|Connection is closed/);
    after.disconnect();
  });
});
