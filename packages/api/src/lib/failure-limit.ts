/**
 * Limits that count failures only (e.g. wrong passwords), without letting parallel attempts slip past: an attempt
 * reserves a place before its outcome is known and settles it after — a failure stays counted, a success is given
 * back. While the failures plus the attempts in flight already reach a limit, a new attempt waits for those to settle
 * (it is not refused: they may all succeed), so 32 colleagues signing in at once behind one address all get in, and
 * 10 parallel guesses against a limit of 5 still get only 5 password checks.
 */
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { RateLimit } from './rate-limit';

/** An attempt that never settles (its process died) stops holding its place after this long. */
const IN_FLIGHT_TTL_MS = 60_000;
/** How long an attempt may wait for others to settle before it is refused. */
const MAX_WAIT_MS = 5000;

const inFlightKey = (limit: RateLimit) => `${limit.key}:in-flight`;

// KEYS: failures and in-flight sorted sets of each limit, in pairs. ARGV: now, in-flight TTL, attempt id, then the
// window (ms) and limit of each. Failures are scored by when they happened, in-flight attempts by when they expire.
// Replies {1} reserved, {2, limit index} busy (wait), or {0, limit index, ms until a failure leaves the window}.
const RESERVE_SCRIPT = `
local now = tonumber(ARGV[1])
local busy = nil
for i = 1, #KEYS / 2 do
  local failures, inflight = KEYS[2 * i - 1], KEYS[2 * i]
  local window, limit = tonumber(ARGV[2 + 2 * i]), tonumber(ARGV[3 + 2 * i])
  redis.call('ZREMRANGEBYSCORE', failures, '-inf', now - window)
  redis.call('ZREMRANGEBYSCORE', inflight, '-inf', now)
  local failed = redis.call('ZCARD', failures)
  if failed >= limit then
    local blocking = redis.call('ZRANGE', failures, failed - limit, failed - limit, 'WITHSCORES')
    return {0, i - 1, tonumber(blocking[2]) + window - now}
  end
  if busy == nil and failed + redis.call('ZCARD', inflight) >= limit then busy = i - 1 end
end
if busy ~= nil then return {2, busy} end
for i = 1, #KEYS / 2 do
  redis.call('ZADD', KEYS[2 * i], now + tonumber(ARGV[2]), ARGV[3])
  redis.call('PEXPIRE', KEYS[2 * i], tonumber(ARGV[2]))
end
return {1}
`;

// KEYS as above. ARGV: now, attempt id, 1 when it failed, then the window (ms) of each limit.
const SETTLE_SCRIPT = `
local now = tonumber(ARGV[1])
for i = 1, #KEYS / 2 do
  redis.call('ZREM', KEYS[2 * i], ARGV[2])
  if ARGV[3] == '1' then
    redis.call('ZADD', KEYS[2 * i - 1], now, ARGV[2])
    redis.call('PEXPIRE', KEYS[2 * i - 1], tonumber(ARGV[3 + i]))
  end
end
return 1
`;

export type FailureReservation =
  | { reserved: true; settle: (outcome: 'failed' | 'succeeded', now: Date) => Promise<void> }
  /** `limitIndex`: which of the limits was reached. */
  | { reserved: false; limitIndex: number; retryAfterSeconds: number };

function keysOf(limits: readonly RateLimit[]): string[] {
  return limits.flatMap((limit) => [limit.key, inFlightKey(limit)]);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Reserves one attempt under every limit at once, waiting while attempts in flight fill one. `now` is read again
 * on each try (tests move the clock).
 */
export async function reserveAttempt(
  redis: Redis,
  limits: readonly RateLimit[],
  now: () => Date,
): Promise<FailureReservation> {
  const id = `${Date.now()}:${randomBytes(6).toString('hex')}`;
  const keys = keysOf(limits);
  const windows = limits.map((limit) => limit.windowSeconds * 1000);
  const waitUntil = Date.now() + MAX_WAIT_MS;
  for (let pause = 20; ; pause = Math.min(pause * 2, 250)) {
    const args = limits.flatMap((limit, index) => [windows[index]!, limit.limit]);
    const reply = await redis.eval(
      RESERVE_SCRIPT,
      keys.length,
      ...keys,
      now().getTime(),
      IN_FLIGHT_TTL_MS,
      id,
      ...args,
    );
    if (!Array.isArray(reply)) throw new TypeError('unexpected failure-limit script reply');
    const [status, limitIndex, waitMs] = reply.map(Number) as [number, number?, number?];
    if (status === 0) {
      return { reserved: false, limitIndex: limitIndex!, retryAfterSeconds: Math.max(1, Math.ceil(waitMs! / 1000)) };
    }
    if (status === 1) {
      return {
        reserved: true,
        settle: async (outcome, at) => {
          await redis.eval(
            SETTLE_SCRIPT,
            keys.length,
            ...keys,
            at.getTime(),
            id,
            outcome === 'failed' ? 1 : 0,
            ...windows,
          );
        },
      };
    }
    // Busy: the attempts in flight may all succeed and free their places.
    if (Date.now() > waitUntil) return { reserved: false, limitIndex: limitIndex!, retryAfterSeconds: 1 };
    await sleep(pause);
  }
}
