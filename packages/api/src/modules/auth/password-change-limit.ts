import type { ApiDeps } from '../../deps';
import { tooManyRequests } from '../../errors';
import { hitSlidingWindow } from '../../lib/rate-limit';
import { passwordChangeLimit } from './keys';

/** Counts one password change from the caller's address before anything is hashed (see `passwordChangeLimit`). */
export async function reservePasswordChange(deps: Pick<ApiDeps, 'redis' | 'clock'>, ip: string | null): Promise<void> {
  const hit = await hitSlidingWindow(deps.redis, passwordChangeLimit(ip ?? 'unknown'), deps.clock.now());
  if (!hit.allowed) throw tooManyRequests('auth.tooManyPasswordChanges', hit.retryAfterSeconds);
}
