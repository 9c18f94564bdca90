import { createHash, randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { AppError } from '../../errors';
import { authKeys, SETUP_LINK_TTL_SECONDS } from './keys';

/** Only the hash is stored, so a Redis dump holds no usable link. */
function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Issues a one-time set-password token for `userId`, retiring the user's previous one. Expiry follows the service
 * clock; the Redis TTL only cleans up.
 */
export async function issueSetupLink(
  redis: Redis,
  input: { userId: string; now: Date },
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const tokenHash = hashToken(token);
  const expiresAt = new Date(input.now.getTime() + SETUP_LINK_TTL_SECONDS * 1000);
  const previous = await redis.get(authKeys.setupLinkOfUser(input.userId));
  const multi = redis.multi();
  if (previous) multi.del(authKeys.setupLink(previous));
  const replies = await multi
    .hset(authKeys.setupLink(tokenHash), { userId: input.userId, expiresAt: expiresAt.getTime() })
    .expire(authKeys.setupLink(tokenHash), SETUP_LINK_TTL_SECONDS)
    .set(authKeys.setupLinkOfUser(input.userId), tokenHash, 'EX', SETUP_LINK_TTL_SECONDS)
    .exec();
  const failed = replies?.find(([error]) => error);
  if (!replies || failed) throw failed?.[0] ?? new Error('storing the setup link was aborted');
  return { token, expiresAt };
}

/** The user a live token belongs to, without using it up (so a rejected password does not burn the link). */
export async function peekSetupLink(redis: Redis, input: { token: string; now: Date }): Promise<string> {
  const [userId, expiresAt] = await redis.hmget(authKeys.setupLink(hashToken(input.token)), 'userId', 'expiresAt');
  if (!userId || !expiresAt || Number(expiresAt) <= input.now.getTime()) {
    throw new AppError('BAD_REQUEST', 'auth.setupLinkInvalid');
  }
  return userId;
}

// One atomic step, so two tabs redeeming the same link cannot both succeed.
const CONSUME_SCRIPT = `
local stored = redis.call('HMGET', KEYS[1], 'userId', 'expiresAt')
if not stored[1] then return false end
redis.call('DEL', KEYS[1])
if tonumber(stored[2]) <= tonumber(ARGV[1]) then return false end
return stored[1]
`;

/** Uses the token up; returns its user. */
export async function consumeSetupLink(redis: Redis, input: { token: string; now: Date }): Promise<string> {
  const userId = await redis.eval(CONSUME_SCRIPT, 1, authKeys.setupLink(hashToken(input.token)), input.now.getTime());
  if (typeof userId !== 'string') throw new AppError('BAD_REQUEST', 'auth.setupLinkInvalid');
  await redis.del(authKeys.setupLinkOfUser(userId));
  return userId;
}
