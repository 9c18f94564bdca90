import type { ApiDeps } from '../../deps';
import { tooManyRequests } from '../../errors';
import { hitSlidingWindow } from '../../lib/rate-limit';
import { registrationLimit } from './keys';

/**
 * Counts a registration attempt from the caller's address, before the password is hashed: registrations cost a bcrypt
 * hash each, and "account taken" answers would otherwise let one address list the accounts that exist.
 */
export async function reserveRegistration(
  deps: Pick<ApiDeps, 'redis' | 'clock' | 'config'>,
  ip: string | null,
): Promise<void> {
  const limit = registrationLimit(ip ?? 'unknown', deps.config.REGISTRATIONS_PER_IP_PER_HOUR);
  const hit = await hitSlidingWindow(deps.redis, limit, deps.clock.now());
  if (!hit.allowed) throw tooManyRequests('auth.tooManyRegistrations', hit.retryAfterSeconds);
}
