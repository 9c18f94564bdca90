import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { AppError } from '../../errors';
import { SMS_SEND_LIMITS, smsKeys } from './keys';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

// Sliding-window logs scored by the service clock. Every window is checked and the send reserved in one atomic step,
// so concurrent requests on several server processes cannot slip past a limit together.
// Replies {0, 'ok'} or {waitMs, 'phone'|'ip'}.
const RESERVE_SCRIPT = `
local now = tonumber(ARGV[1])
local member = ARGV[2]
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - ${DAY_MS})
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - ${HOUR_MS})
local function wait_for(key, window, limit)
  local from = now - window
  local count = redis.call('ZCOUNT', key, '(' .. from, '+inf')
  if count < limit then return 0 end
  local blocking = redis.call('ZRANGEBYSCORE', key, '(' .. from, '+inf', 'WITHSCORES', 'LIMIT', count - limit, 1)
  return tonumber(blocking[2]) + window - now
end
local phone_wait = math.max(
  wait_for(KEYS[1], ${MINUTE_MS}, tonumber(ARGV[3])),
  wait_for(KEYS[1], ${HOUR_MS}, tonumber(ARGV[4])),
  wait_for(KEYS[1], ${DAY_MS}, tonumber(ARGV[5])))
if phone_wait > 0 then return {phone_wait, 'phone'} end
local ip_wait = wait_for(KEYS[2], ${HOUR_MS}, tonumber(ARGV[6]))
if ip_wait > 0 then return {ip_wait, 'ip'} end
redis.call('ZADD', KEYS[1], now, member)
redis.call('PEXPIRE', KEYS[1], ${DAY_MS})
redis.call('ZADD', KEYS[2], now, member)
redis.call('PEXPIRE', KEYS[2], ${HOUR_MS})
return {0, 'ok'}
`;

export interface SendReservation {
  /** Gives the per-phone quota back (the provider did not accept the message). The address keeps the attempt. */
  release: () => Promise<void>;
}

/**
 * Reserves one send for this phone and client address, or refuses with TOO_MANY_REQUESTS and the seconds to wait.
 * Per phone: 1/minute, 5/hour, 10/day; per address: 20/hour. Requests without a known address share one bucket.
 */
export async function reserveSmsSend(
  redis: Redis,
  input: { phone: string; ip: string | null; now: Date },
): Promise<SendReservation> {
  const phoneKey = smsKeys.phoneSends(input.phone);
  const member = `${input.now.getTime()}:${randomBytes(6).toString('hex')}`;
  const reply = await redis.eval(
    RESERVE_SCRIPT,
    2,
    phoneKey,
    smsKeys.ipSends(input.ip ?? 'unknown'),
    input.now.getTime(),
    member,
    SMS_SEND_LIMITS.phonePerMinute,
    SMS_SEND_LIMITS.phonePerHour,
    SMS_SEND_LIMITS.phonePerDay,
    SMS_SEND_LIMITS.ipPerHour,
  );
  if (!Array.isArray(reply) || reply.length !== 2) throw new TypeError('unexpected SMS limit script reply');
  const waitMs = Number(reply[0]);
  if (waitMs > 0) {
    const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
    const key = reply[1] === 'ip' ? 'sms.tooManyFromAddress' : 'sms.tooManyForPhone';
    throw new AppError('TOO_MANY_REQUESTS', key, { retryAfterSeconds }, { retryAfterSeconds });
  }
  return {
    release: async () => {
      await redis.zrem(phoneKey, member);
    },
  };
}
