/**
 * Issue 10 item 3 as the attack was made: 100 `bom.runs.progress` followers over HTTP (SSE). Before, each held a Redis
 * connection of its own for blocking reads (100 followers = 100 connections); now the process has one subscriber.
 * The server's Redis client carries a name unique to this test, which its duplicates inherit, so `CLIENT LIST` counts
 * this server's connections alone on a Redis shared with other test files.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiDeps } from '@arya/api';
import { generateBomWorkbook } from '@arya/bom/fixtures';
import { createTestDatabase, createTestRedis, type TestDatabase, type TestRedis } from '@arya/testing';
import { buildApp } from '../../src/app';
import { listenOnLoopback, testConfig } from '../helpers';
import { collectProgress, listeningApp, signedInClient, xlsxForm, type ListeningApp } from './harness';

const connectionName = `fanout-${randomBytes(4).toString('hex')}`;
let database: TestDatabase;
let redis: TestRedis;
let named: Redis;
let admin: Redis;
let server: ListeningApp;

beforeAll(async () => {
  database = await createTestDatabase();
  redis = createTestRedis();
  named = redis.redis.duplicate({ connectionName });
  admin = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379');
  const config = testConfig(database);
  const deps = await createApiDeps(config, { db: database.db, redis: named, passwordThreads: 1 });
  const app = await buildApp({ config, deps });
  const baseUrl = await listenOnLoopback(app);
  // Runs wait in the queue until a second process starts executing them, once every follower is listening.
  await app.bomRunner.stop();
  const close = async () => {
    await app.close();
    named.disconnect();
    await redis.cleanup();
    await database.drop();
  };
  server = { app, config, deps, database, redis, close, baseUrl };
}, 60_000);
afterAll(async () => {
  admin?.disconnect();
  await server?.close();
});

/** Connections of the server under test (its own name, and `<name>:bom-progress` for the subscriber). */
async function serverConnections(): Promise<string[]> {
  const list = (await admin.client('LIST')) as string;
  return list
    .split('\n')
    .map((line) => /\bname=(\S*)/.exec(line)?.[1] ?? '')
    .filter((name) => name.startsWith(connectionName));
}

async function until(condition: () => boolean, what: string, timeoutMs = 60_000) {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline;) {
    if (condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('bom.runs.progress followers', { timeout: 180_000 }, () => {
  it('100 followers of one run and of several hold one Redis subscriber connection and all see the end', async () => {
    const { client } = await signedInClient(server, 'fanout-user');
    const small = generateBomWorkbook({ rows: 60, opsCount: 10, seed: 31 });
    const file = await client.bom.files.upload.mutate(xlsxForm(small.bom, 'small.xlsx'));
    const runIds: string[] = [];
    for (let i = 0; i < 4; i++) runIds.push((await client.bom.runs.create.mutate({ bomFileId: file.fileId })).runId);
    const before = await serverConnections();

    // 70 followers of the first run, 10 of each other one.
    const followers = Array.from({ length: 100 }, (_, i) =>
      collectProgress(client, runIds[i < 70 ? 0 : 1 + ((i - 70) % 3)]!),
    );
    await until(() => server.deps.bomProgress.stats().followers === 100, 'every follower to listen');
    const during = await serverConnections();

    const worker: ListeningApp = await listeningApp({ shareWith: server });
    try {
      const received = await Promise.all(followers);
      for (const events of received) {
        expect(events.at(-1)?.data).toMatchObject({ status: 'done', percent: 100 });
        expect(events.some((e) => e.data.status === 'running')).toBe(true);
      }
    } finally {
      await worker.close();
    }
    await until(() => server.deps.bomProgress.stats().channels === 0, 'the channels to be unsubscribed');

    console.info(
      `server redis connections: before the followers ${before.length}, with 100 followers ${during.length}`,
    );
    expect(during.length - before.length).toBeLessThanOrEqual(1);
    expect(during.filter((name) => name === `${connectionName}:bom-progress`)).toHaveLength(1);

    // A follower joining after the end, when the run's events have expired, gets the final state from the database.
    await redis.redis.del(`bom:run:${runIds[0]!}:events`);
    const late = await collectProgress(client, runIds[0]!);
    expect(late.map((e) => e.data)).toEqual([{ status: 'done', phase: 'done', percent: 100 }]);
  });
});
