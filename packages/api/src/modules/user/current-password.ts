import type { RequestInfo } from '../../context';
import type { ApiDeps } from '../../deps';
import { AppError, tooManyRequests } from '../../errors';
import { reserveAttempt } from '../../lib/failure-limit';
import type { UserRow } from '../../users/repo';
import { loginLimits } from '../auth/keys';

/**
 * Re-authentication with the current password (changePassword, bindPhone, …). A wrong one counts against the
 * account's failed-login limit, as at sign-in, so a stolen access token cannot be used to guess the password.
 */
export async function assertCurrentPassword(
  deps: Pick<ApiDeps, 'redis' | 'clock' | 'passwords'>,
  user: UserRow & { password_hash: string },
  password: string,
  request: RequestInfo,
): Promise<void> {
  const reservation = await reserveAttempt(deps.redis, [loginLimits.perAccount(user.account ?? user.id)], () =>
    deps.clock.now(),
  );
  if (!reservation.reserved) throw tooManyRequests('auth.tooManyFailedLogins', reservation.retryAfterSeconds);
  let outcome: 'failed' | 'succeeded' = 'succeeded';
  try {
    if (!(await deps.passwords.verify(password, user.password_hash, request.ip))) {
      outcome = 'failed';
      throw new AppError('BAD_REQUEST', 'password.wrongCurrent');
    }
  } finally {
    await reservation.settle(outcome, deps.clock.now());
  }
}

/** The user's password hash, or BAD_REQUEST when the account has none yet (made with a phone only). */
export function withPassword(user: UserRow): UserRow & { password_hash: string } {
  if (user.password_hash === null) throw new AppError('BAD_REQUEST', 'password.notSet');
  return user as UserRow & { password_hash: string };
}
