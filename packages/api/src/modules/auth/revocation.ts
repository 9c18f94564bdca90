import type { Redis } from 'ioredis';
import { authKeys, REVOKED_SESSION_TTL_SECONDS } from './keys';

/**
 * Access tokens are checked offline, so ending a session also lists its id in Redis for as long as an access token
 * issued to it could still be valid; `protectedProcedure` refuses those ids.
 */
export async function markSessionsRevoked(redis: Redis, sessionIds: readonly string[]): Promise<void> {
  if (sessionIds.length === 0) return;
  const pipeline = redis.pipeline();
  for (const id of sessionIds) pipeline.set(authKeys.revokedSession(id), '1', 'EX', REVOKED_SESSION_TTL_SECONDS);
  const results = await pipeline.exec();
  const failure = results?.find(([error]) => error);
  if (failure?.[0]) throw failure[0];
}

export async function isSessionRevoked(redis: Redis, sessionId: string): Promise<boolean> {
  return (await redis.exists(authKeys.revokedSession(sessionId))) === 1;
}
