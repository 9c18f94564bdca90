import { createHmac, randomInt } from 'node:crypto';
import type { Redis } from 'ioredis';
import { AppError } from '../../errors';
import { SMS_CODE_MAX_ATTEMPTS, SMS_CODE_TTL_SECONDS, smsKeys } from './keys';
import type { SmsPurpose } from './schemas';

/** Six digits from the CSPRNG (leading zeros kept). */
export function generateSmsCode(): string {
  return randomInt(0, 1_000_000).toString().padStart(6, '0');
}

/** Codes are kept only as this HMAC, so a Redis dump reveals no usable code. */
export function smsCodeMac(secret: string, purpose: SmsPurpose, phone: string, code: string): string {
  return createHmac('sha256', secret).update(`${purpose}\u0000${phone}\u0000${code}`).digest('hex');
}

/**
 * Replaces any previous code for this phone and purpose. Expiry follows the service clock; Redis TTL only cleans up.
 */
export async function storeSmsCode(
  redis: Redis,
  entry: { secret: string; purpose: SmsPurpose; phone: string; code: string; now: Date },
): Promise<{ expiresAt: Date }> {
  const key = smsKeys.code(entry.purpose, entry.phone);
  const expiresAt = new Date(entry.now.getTime() + SMS_CODE_TTL_SECONDS * 1000);
  const replies = await redis
    .multi()
    .del(key)
    .hset(key, {
      mac: smsCodeMac(entry.secret, entry.purpose, entry.phone, entry.code),
      expiresAt: expiresAt.getTime(),
      attempts: 0,
    })
    .pexpire(key, SMS_CODE_TTL_SECONDS * 1000)
    .exec();
  const failed = replies?.find(([error]) => error);
  if (!replies || failed) throw failed?.[0] ?? new Error('storing the SMS code was aborted');
  return { expiresAt };
}

// One atomic step: a matching code is deleted by the same call that checked it, so two concurrent uses cannot both
// succeed; a wrong one counts an attempt and the code is destroyed at the limit.
const CONSUME_SCRIPT = `
local stored = redis.call('HMGET', KEYS[1], 'mac', 'expiresAt')
if not stored[1] then return 'missing' end
if tonumber(stored[2]) <= tonumber(ARGV[2]) then
  redis.call('DEL', KEYS[1])
  return 'expired'
end
if stored[1] == ARGV[1] then
  redis.call('DEL', KEYS[1])
  return 'ok'
end
local attempts = redis.call('HINCRBY', KEYS[1], 'attempts', 1)
if attempts >= tonumber(ARGV[3]) then
  redis.call('DEL', KEYS[1])
  return 'exhausted'
end
return 'wrong:' .. (tonumber(ARGV[3]) - attempts)
`;

/**
 * Checks a code and uses it up. Throws a BAD_REQUEST saying whether to retype (with the attempts left) or to request a
 * new code.
 */
export async function consumeSmsCode(
  redis: Redis,
  entry: { secret: string; purpose: SmsPurpose; phone: string; code: string; now: Date },
): Promise<void> {
  const reply = await redis.eval(
    CONSUME_SCRIPT,
    1,
    smsKeys.code(entry.purpose, entry.phone),
    smsCodeMac(entry.secret, entry.purpose, entry.phone, entry.code),
    entry.now.getTime(),
    SMS_CODE_MAX_ATTEMPTS,
  );
  const outcome = String(reply);
  if (outcome === 'ok') return;
  if (outcome.startsWith('wrong:')) {
    throw new AppError('BAD_REQUEST', 'sms.codeIncorrect', { attemptsLeft: Number(outcome.slice('wrong:'.length)) });
  }
  if (outcome === 'exhausted') throw new AppError('BAD_REQUEST', 'sms.codeAttemptsExceeded');
  throw new AppError('BAD_REQUEST', 'sms.codeExpired');
}
