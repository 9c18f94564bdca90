import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { AppError } from '../../errors';
import { SMS_SEND_LIMITS, smsKeys } from './keys';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

// Sliding-window logs scored by the service clock, then the proof-of-work threshold, then the global budget (fixed
// clock-hour and UTC-day counters). Every check and the reservation happen in one atomic step, so concurrent requests
// on several server processes cannot slip past a limit together, nor send more than the budget.
// Replies {0, 'ok'}, {waitMs, 'phone'|'ip'}, {0, 'proof'} or {waitMs, 'hour'|'day', firstRefusalOfWindow}.
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
if ARGV[8] == '0' and redis.call('ZCOUNT', KEYS[2], '(' .. (now - ${HOUR_MS}), '+inf') >= tonumber(ARGV[7]) then
  return {0, 'proof'}
end
local windows = {{KEYS[3], KEYS[5], tonumber(ARGV[9]), tonumber(ARGV[11]), 'hour'},
                 {KEYS[4], KEYS[6], tonumber(ARGV[10]), tonumber(ARGV[12]), 'day'}}
for _, w in ipairs(windows) do
  if tonumber(redis.call('GET', w[1]) or '0') >= w[3] then
    local first = redis.call('SET', w[2], '1', 'NX', 'PX', w[4])
    return {w[4], w[5], first and 1 or 0}
  end
end
for _, w in ipairs(windows) do
  redis.call('INCR', w[1])
  redis.call('PEXPIRE', w[1], w[4])
end
redis.call('ZADD', KEYS[1], now, member)
redis.call('PEXPIRE', KEYS[1], ${DAY_MS})
redis.call('ZADD', KEYS[2], now, member)
redis.call('PEXPIRE', KEYS[2], ${HOUR_MS})
return {0, 'ok'}
`;

// Gives a reservation back. A budget counter Redis lost meanwhile is left missing (it is rebuilt from sms_messages):
// DECR would create it at -1, without expiry, and hide the sends already made.
const RELEASE_SCRIPT = `
redis.call('ZREM', KEYS[1], ARGV[1])
for i = 2, 3 do
  if redis.call('EXISTS', KEYS[i]) == 1 then redis.call('DECR', KEYS[i]) end
end
`;

export interface SendReservation {
  /** Gives the per-phone quota and the budget back (the provider did not accept the message). */
  release: () => Promise<void>;
}

export interface SendBudget {
  perHour: number;
  perDay: number;
}

/** The budget windows `now` falls in (clock hour and UTC day): start, and the milliseconds left in each. */
export function budgetWindows(now: Date) {
  const iso = now.toISOString();
  const hourEnd = Math.floor(now.getTime() / HOUR_MS + 1) * HOUR_MS;
  const dayEnd = Math.floor(now.getTime() / DAY_MS + 1) * DAY_MS;
  return {
    hour: { id: `hour:${iso.slice(0, 13)}`, start: new Date(hourEnd - HOUR_MS), leftMs: hourEnd - now.getTime() },
    day: { id: `day:${iso.slice(0, 10)}`, start: new Date(dayEnd - DAY_MS), leftMs: dayEnd - now.getTime() },
  };
}

/** Why a send was refused when the refusal is not a plain error: the budget, with whether to audit it. */
export class SmsBudgetExhausted extends AppError {
  constructor(
    readonly window: 'hour' | 'day',
    readonly windowId: string,
    readonly firstOfWindow: boolean,
    retryAfterSeconds: number,
  ) {
    super(
      'SERVICE_UNAVAILABLE',
      window === 'hour' ? 'sms.budgetExhaustedHour' : 'sms.budgetExhaustedDay',
      { retryAfterSeconds },
      { retryAfterSeconds },
    );
  }
}

/**
 * Reserves one send for this phone and client address, or refuses: TOO_MANY_REQUESTS with the seconds to wait (per
 * phone: 1/minute, 5/hour, 10/day; per address: 20/hour; requests without a known address share one bucket),
 * PRECONDITION_FAILED `sms.proofRequired` once the address has sent `powAfter` codes this hour and brings no solved
 * challenge, or `SmsBudgetExhausted` when the service's global budget for this hour or day is spent.
 */
export async function reserveSmsSend(
  redis: Redis,
  input: { phone: string; ip: string | null; now: Date; proven: boolean; powAfter: number; budget: SendBudget },
): Promise<SendReservation> {
  const phoneKey = smsKeys.phoneSends(input.phone);
  const member = `${input.now.getTime()}:${randomBytes(6).toString('hex')}`;
  const windows = budgetWindows(input.now);
  const hourKey = smsKeys.budget(windows.hour.id);
  const dayKey = smsKeys.budget(windows.day.id);
  const reply = await redis.eval(
    RESERVE_SCRIPT,
    6,
    phoneKey,
    smsKeys.ipSends(input.ip ?? 'unknown'),
    hourKey,
    dayKey,
    smsKeys.budgetAudited(windows.hour.id),
    smsKeys.budgetAudited(windows.day.id),
    input.now.getTime(),
    member,
    SMS_SEND_LIMITS.phonePerMinute,
    SMS_SEND_LIMITS.phonePerHour,
    SMS_SEND_LIMITS.phonePerDay,
    SMS_SEND_LIMITS.ipPerHour,
    input.powAfter,
    input.proven ? '1' : '0',
    input.budget.perHour,
    input.budget.perDay,
    windows.hour.leftMs,
    windows.day.leftMs,
  );
  if (!Array.isArray(reply) || reply.length < 2) throw new TypeError('unexpected SMS limit script reply');
  const waitMs = Number(reply[0]);
  const retryAfterSeconds = Math.max(1, Math.ceil(waitMs / 1000));
  switch (reply[1]) {
    case 'ok':
      return {
        release: async () => {
          await redis.eval(RELEASE_SCRIPT, 3, phoneKey, hourKey, dayKey, member);
        },
      };
    case 'proof':
      throw new AppError('PRECONDITION_FAILED', 'sms.proofRequired');
    case 'hour':
      throw new SmsBudgetExhausted('hour', windows.hour.id, Number(reply[2]) === 1, retryAfterSeconds);
    case 'day':
      throw new SmsBudgetExhausted('day', windows.day.id, Number(reply[2]) === 1, retryAfterSeconds);
    default: {
      const key = reply[1] === 'ip' ? 'sms.tooManyFromAddress' : 'sms.tooManyForPhone';
      throw new AppError('TOO_MANY_REQUESTS', key, { retryAfterSeconds }, { retryAfterSeconds });
    }
  }
}
