/**
 * Issue 10 item 3: progress followers share one Redis subscriber connection per process, keep receiving every event
 * across a lost connection, and never miss a final state.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseRedisUrl, createTestRedis, type TestRedis } from '@arya/testing';
import {
  followRunEvents,
  publishRunEvent,
  type RunEvent,
  type StoredRunEvent,
} from '../../../src/modules/bom/progress';
import { createRunEventHub, type RunEventHub } from '../../../src/modules/bom/progress-hub';

let redis: TestRedis;
let named: Redis;
let admin: Redis;
let hub: RunEventHub;
const connectionName = `hub-test-${randomBytes(4).toString('hex')}`;

beforeAll(() => {
  redis = createTestRedis();
  named = redis.redis.duplicate({ connectionName });
  admin = new Redis(baseRedisUrl());
  hub = createRunEventHub(named, pino({ level: 'silent' }));
});
afterAll(async () => {
  hub.close();
  named.disconnect();
  admin.disconnect();
  await redis.cleanup();
});

interface ClientInfo {
  id: string;
  name: string;
}

/** This test's Redis connections (its own and the hub's, which carry its name), from `CLIENT LIST`. */
async function ourConnections(): Promise<ClientInfo[]> {
  const list = (await admin.client('LIST')) as string;
  return list
    .split('\n')
    .map((line) => ({ id: /\bid=(\d+)/.exec(line)?.[1] ?? '', name: /\bname=(\S*)/.exec(line)?.[1] ?? '' }))
    .filter((client) => client.name.startsWith(connectionName));
}

const runId = () => `00000000-0000-4000-8000-${randomBytes(6).toString('hex')}`;
const progress = (percent: number): RunEvent => ({ status: 'running', phase: 'apply', percent });
const done: RunEvent = { status: 'done', phase: 'done', percent: 100 };

/** Follows a run to its end; the returned promise has every event it got. */
function follow(id: string, options: { blockMs?: number; onIdle?: () => Promise<RunEvent | null> } = {}) {
  const events: StoredRunEvent[] = [];
  const finished = (async () => {
    for await (const stored of followRunEvents({ redis: redis.redis, bomProgress: hub }, id, {
      blockMs: options.blockMs ?? 60_000,
      onIdle: options.onIdle ?? (async () => null),
    }))
      events.push(stored);
    return events;
  })();
  return { events, finished };
}

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000) {
  for (const deadline = Date.now() + timeoutMs; Date.now() < deadline;) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe('run progress hub', () => {
  it('100 followers of one run and of several share one subscriber; all get every event and the end', async () => {
    const runs = [runId(), runId(), runId(), runId(), runId()];
    for (const id of runs) await publishRunEvent(redis.redis, id, { status: 'queued', phase: 'queued', percent: 0 });
    await named.ping();
    const before = await ourConnections();

    // 60 followers of the first run, 10 of each other one.
    const followers = Array.from({ length: 100 }, (_, i) => follow(runs[i < 60 ? 0 : 1 + ((i - 60) % 4)]!));
    await until(() => hub.stats().followers === 100, 'every follower to subscribe');
    // the hub names its connection right after connecting: wait for the name, or a loaded machine lists it unnamed
    await until(
      async () => (await ourConnections()).some((c) => c.name.endsWith(':bom-progress')),
      "the hub's named subscriber connection",
    );
    const during = await ourConnections();
    expect(hub.stats().channels).toBe(5);

    for (const id of runs) {
      for (const percent of [10, 50, 90]) await publishRunEvent(redis.redis, id, progress(percent));
      await publishRunEvent(redis.redis, id, done);
    }
    const received = await Promise.all(followers.map((f) => f.finished));
    for (const events of received) expect(events.map((e) => e.event.percent)).toEqual([0, 10, 50, 90, 100]);
    expect(hub.stats()).toEqual({ channels: 0, followers: 0 });

    console.info(
      `redis connections named ${connectionName}*: before ${before.length}, with 100 followers ${during.length}`,
    );
    expect(during.length - before.length).toBeLessThanOrEqual(1);
    expect(during.filter((c) => c.name.endsWith(':bom-progress'))).toHaveLength(1);
  });

  it('a follower gets every event, in order and once, after the subscriber connection drops and returns', async () => {
    const id = runId();
    await publishRunEvent(redis.redis, id, progress(1));
    // blockMs is a minute: the events published while the connection was down must come from the hub's catch-up
    // after it returns, not from the idle read.
    const follower = follow(id);
    await until(() => follower.events.length === 1, 'the first event');
    const [subscriberBefore] = (await ourConnections()).filter((c) => c.name.endsWith(':bom-progress'));
    expect(subscriberBefore).toBeDefined();

    await admin.client('KILL', 'ID', subscriberBefore!.id);
    await publishRunEvent(redis.redis, id, progress(2));
    await publishRunEvent(redis.redis, id, progress(3));
    await until(async () => {
      const [now] = (await ourConnections()).filter((c) => c.name.endsWith(':bom-progress'));
      return now !== undefined && now.id !== subscriberBefore!.id;
    }, 'the subscriber to reconnect');
    await until(() => follower.events.length === 3, 'the events published while it was down', 10_000);
    await publishRunEvent(redis.redis, id, progress(4));
    await publishRunEvent(redis.redis, id, done);

    const events = await follower.finished;
    expect(events.map((e) => e.event.percent)).toEqual([1, 2, 3, 4, 100]);
    expect(new Set(events.map((e) => e.id)).size).toBe(5);
  });

  it('never misses the end: a late follower gets the stored final state, so does one whose end was lost', async () => {
    const stored: RunEvent = { status: 'failed', phase: 'failed', percent: 100 };
    // The run finished long ago (its stream expired): the database's state answers at once.
    const late = follow(runId(), { onIdle: async () => stored });
    expect(await late.finished).toEqual([{ id: 'final-failed', event: stored }]);

    // The run finished, but its process died before publishing the end: the idle check asks the database.
    const id = runId();
    await publishRunEvent(redis.redis, id, progress(40));
    let finishedInDatabase = false;
    const waiting = follow(id, { blockMs: 200, onIdle: async () => (finishedInDatabase ? done : null) });
    await until(() => waiting.events.length === 1, 'the progress event');
    finishedInDatabase = true;
    const events = await waiting.finished;
    expect(events.map((e) => e.event.status)).toEqual(['running', 'done']);

    // A follower that joins after the final event was published reads it from the stream.
    const after = follow(id);
    await publishRunEvent(redis.redis, id, done);
    const again = follow(id);
    expect((await after.finished).at(-1)?.event).toEqual(done);
    expect((await again.finished).map((e) => e.event.percent)).toEqual([40, 100]);
  });
});
