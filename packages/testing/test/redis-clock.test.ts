import { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { baseRedisUrl, createTestClock, createTestRedis } from '../src';

describe('createTestRedis', () => {
  it('prefixes every key and deletes them all on cleanup', async () => {
    const test = createTestRedis();
    await test.redis.set('a', '1');
    await test.duplicate().set('b', '2');
    const plain = new Redis(baseRedisUrl());
    try {
      expect((await plain.keys(`${test.keyPrefix}*`)).toSorted()).toEqual([`${test.keyPrefix}a`, `${test.keyPrefix}b`]);
      await test.cleanup();
      expect(await plain.keys(`${test.keyPrefix}*`)).toEqual([]);
    } finally {
      plain.disconnect();
    }
  });
});

describe('createTestClock', () => {
  it('moves only when told to', () => {
    const clock = createTestClock('2026-11-28T00:00:00Z');
    expect(clock.now().toISOString()).toBe('2026-11-28T00:00:00.000Z');
    clock.advance(1500);
    expect(clock.now().toISOString()).toBe('2026-11-28T00:00:01.500Z');
    clock.set('2027-01-01T00:00:00Z');
    expect(clock.now().getUTCFullYear()).toBe(2027);
  });
});
