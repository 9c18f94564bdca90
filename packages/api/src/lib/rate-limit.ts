import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';

export interface RateLimit {
  /** Redis key (the deps' Redis adds its own prefix). */
  key: string;
  limit: number;
  windowSeconds: number;
}

export interface RateLimitResult {
  allowed: boolean;
  /** Hits counted in the window, including this one when allowed. */
  count: number;
  /** Whole seconds until one more hit would be allowed (0 when allowed). */
  retryAfterSeconds: number;
  /** Identifies this hit so it can be given back with `releaseSlidingWindowHit`. */
  hitId: string;
}

// Sliding window log: one sorted-set member per hit, scored by the caller's clock (so tests move time, not sleep).
// Atomic, so concurrent hits from several processes never exceed the limit.
const SLIDING_WINDOW_SCRIPT = `
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local limit = tonumber(ARGV[3])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local count = redis.call('ZCARD', KEYS[1])
if count >= limit then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return {0, count, tonumber(oldest[2]) + window - now}
end
redis.call('ZADD', KEYS[1], now, ARGV[4])
redis.call('PEXPIRE', KEYS[1], window)
return {1, count + 1, 0}
`;

function toNumber(value: unknown): number {
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return Number(value);
  throw new TypeError(`unexpected Redis reply ${String(value)}`);
}

/** Counts one hit unless `limit` hits already fall within the last `windowSeconds`. */
export async function hitSlidingWindow(redis: Redis, limit: RateLimit, now: Date): Promise<RateLimitResult> {
  const hitId = `${now.getTime()}:${randomBytes(6).toString('hex')}`;
  const windowMs = limit.windowSeconds * 1000;
  const reply = await redis.eval(SLIDING_WINDOW_SCRIPT, 1, limit.key, now.getTime(), windowMs, limit.limit, hitId);
  if (!Array.isArray(reply) || reply.length !== 3) throw new TypeError('unexpected rate-limit script reply');
  const [allowed, count, waitMs] = reply.map(toNumber) as [number, number, number];
  return {
    allowed: allowed === 1,
    count,
    retryAfterSeconds: allowed === 1 ? 0 : Math.max(1, Math.ceil(waitMs / 1000)),
    hitId,
  };
}

/** Gives back one counted hit (e.g. a login attempt that turned out to succeed). */
export async function releaseSlidingWindowHit(redis: Redis, key: string, hitId: string): Promise<void> {
  await redis.zrem(key, hitId);
}

export async function resetRateLimit(redis: Redis, key: string): Promise<void> {
  await redis.del(key);
}

/**
 * Fixed window counter aligned to the caller's clock: cheaper than the sliding log when bursts at a window edge do not
 * matter (a hit at 14:59 and one at 15:00 fall in different windows).
 */
export async function hitFixedWindow(
  redis: Redis,
  limit: RateLimit,
  now: Date,
): Promise<Omit<RateLimitResult, 'hitId'>> {
  const windowMs = limit.windowSeconds * 1000;
  const windowIndex = Math.floor(now.getTime() / windowMs);
  const windowEndsInMs = (windowIndex + 1) * windowMs - now.getTime();
  const key = `${limit.key}:${windowIndex}`;
  const replies = await redis
    .multi()
    .incr(key)
    .pexpire(key, windowEndsInMs + 1000)
    .exec();
  const counted = replies?.[0];
  if (!counted || counted[0]) throw counted?.[0] ?? new Error('rate-limit transaction aborted');
  const count = toNumber(counted[1]);
  const allowed = count <= limit.limit;
  return { allowed, count, retryAfterSeconds: allowed ? 0 : Math.max(1, Math.ceil(windowEndsInMs / 1000)) };
}
