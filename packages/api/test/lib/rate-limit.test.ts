import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestClock, createTestRedis, type TestRedis } from '@arya/testing';
import { hitFixedWindow, hitSlidingWindow, releaseSlidingWindowHit } from '../../src/lib/rate-limit';

let redis: TestRedis;

beforeAll(() => {
  redis = createTestRedis();
});
afterAll(async () => {
  await redis.cleanup();
});

describe('sliding window', () => {
  it('allows `limit` hits per window and says when the oldest one leaves it', async () => {
    const clock = createTestClock('2026-11-28T00:00:00Z');
    const limit = { key: 'sliding:a', limit: 3, windowSeconds: 60 };
    for (let i = 0; i < 3; i++) {
      expect((await hitSlidingWindow(redis.redis, limit, clock.now())).allowed).toBe(true);
      clock.advance(10_000);
    }
    const blocked = await hitSlidingWindow(redis.redis, limit, clock.now());
    expect(blocked).toMatchObject({ allowed: false, count: 3, retryAfterSeconds: 30 });
    clock.advance(30_000);
    expect((await hitSlidingWindow(redis.redis, limit, clock.now())).allowed).toBe(true);
  });

  it('gives back a released hit', async () => {
    const clock = createTestClock();
    const limit = { key: 'sliding:b', limit: 1, windowSeconds: 60 };
    const hit = await hitSlidingWindow(redis.redis, limit, clock.now());
    await releaseSlidingWindowHit(redis.redis, limit.key, hit.hitId);
    expect((await hitSlidingWindow(redis.redis, limit, clock.now())).allowed).toBe(true);
  });

  it('never lets parallel hits from several clients exceed the limit', async () => {
    const clock = createTestClock();
    const limit = { key: 'sliding:c', limit: 10, windowSeconds: 60 };
    const clients = [redis.redis, redis.duplicate(), redis.duplicate()];
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) => hitSlidingWindow(clients[i % 3] ?? redis.redis, limit, clock.now())),
    );
    expect(results.filter((r) => r.allowed)).toHaveLength(10);
  });
});

describe('fixed window', () => {
  it('counts per clock-aligned window', async () => {
    const clock = createTestClock('2026-11-28T00:00:50Z');
    const limit = { key: 'fixed:a', limit: 2, windowSeconds: 60 };
    expect((await hitFixedWindow(redis.redis, limit, clock.now())).allowed).toBe(true);
    expect((await hitFixedWindow(redis.redis, limit, clock.now())).allowed).toBe(true);
    expect(await hitFixedWindow(redis.redis, limit, clock.now())).toEqual({
      allowed: false,
      count: 3,
      retryAfterSeconds: 10,
    });
    clock.advance(10_000);
    expect((await hitFixedWindow(redis.redis, limit, clock.now())).allowed).toBe(true);
  });
});
