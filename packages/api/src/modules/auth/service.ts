import type { RequestInfo } from '../../context';
import type { ApiDeps } from '../../deps';
import { AppError, tooManyRequests } from '../../errors';
import { recordAudit } from '../../lib/audit';
import { hitSlidingWindow, releaseSlidingWindowHit } from '../../lib/rate-limit';
import { assertAcceptablePassword } from '../../security/password-rules';
import { findLiveUserByAccount, insertUser, isUniqueViolation } from '../user/repo';
import { loginLimits } from './keys';
import { reserveRegistration } from './registration-limit';
import { assertRegistrationOpen } from './registration-mode';
import { findSessionOfRefreshToken, revokeSessions, rotateRefreshToken } from './sessions';
import { startAuditedSession, withAccessToken, type SignedIn } from './sign-in';

export type AuthDeps = Pick<ApiDeps, 'db' | 'redis' | 'clock' | 'config' | 'passwords' | 'tokens'>;

export async function register(
  deps: AuthDeps,
  input: { account: string; password: string; username?: string | undefined },
  request: RequestInfo,
): Promise<SignedIn> {
  assertRegistrationOpen(deps.config);
  assertAcceptablePassword(input.password);
  await reserveRegistration(deps, request.ip);
  const passwordHash = await deps.passwords.hash(input.password);
  const now = deps.clock.now();
  try {
    const { user, session } = await deps.db.transaction().execute(async (tx) => {
      const created = await insertUser(tx, {
        account: input.account,
        username: input.username ?? null,
        password_hash: passwordHash,
        password_changed_at: now,
      });
      const started = await startAuditedSession(tx, now, created.id, request, { action: 'auth.register' });
      return { user: created, session: started };
    });
    return await withAccessToken(deps, user, session);
  } catch (error) {
    if (isUniqueViolation(error, 'users_account_live_key')) throw new AppError('CONFLICT', 'auth.accountTaken');
    throw error;
  }
}

/**
 * Both limits count attempts before the password is checked (atomically, so parallel guesses cannot slip past) and
 * give the attempt back when it succeeds, so only failures stay counted.
 */
async function reserveLoginAttempt(deps: AuthDeps, account: string, ip: string, now: Date) {
  const ipLimit = loginLimits.perIp(ip);
  const ipHit = await hitSlidingWindow(deps.redis, ipLimit, now);
  if (!ipHit.allowed) throw tooManyRequests('auth.tooManyLoginsFromAddress', ipHit.retryAfterSeconds);
  const accountLimit = loginLimits.perAccount(account);
  const accountHit = await hitSlidingWindow(deps.redis, accountLimit, now);
  if (!accountHit.allowed) {
    await releaseSlidingWindowHit(deps.redis, ipLimit.key, ipHit.hitId);
    throw tooManyRequests('auth.tooManyFailedLogins', accountHit.retryAfterSeconds);
  }
  return async () => {
    await releaseSlidingWindowHit(deps.redis, ipLimit.key, ipHit.hitId);
    await releaseSlidingWindowHit(deps.redis, accountLimit.key, accountHit.hitId);
  };
}

export async function login(
  deps: AuthDeps,
  input: { account: string; password: string },
  request: RequestInfo,
): Promise<SignedIn> {
  const now = deps.clock.now();
  const releaseAttempt = await reserveLoginAttempt(deps, input.account, request.ip ?? 'unknown', now);
  const user = await findLiveUserByAccount(deps.db, input.account);
  // Unknown accounts are checked against a dummy hash: same error, same time as a wrong password.
  const passwordMatches = await deps.passwords.verify(input.password, user?.password_hash ?? null);

  if (!user || !passwordMatches) {
    await recordAudit(deps.db, request, {
      action: 'auth.login_failed',
      actorUserId: null,
      subjectUserId: user?.id ?? null,
      at: now,
      details: { account: input.account, reason: user ? 'wrong_password' : 'unknown_account' },
    });
    throw new AppError('UNAUTHORIZED', 'auth.invalidCredentials');
  }
  await releaseAttempt();
  if (user.disabled_at) {
    await recordAudit(deps.db, request, {
      action: 'auth.login_failed',
      actorUserId: null,
      subjectUserId: user.id,
      at: now,
      details: { account: input.account, reason: 'disabled' },
    });
    throw new AppError('FORBIDDEN', 'auth.accountDisabled');
  }

  const session = await deps.db
    .transaction()
    .execute((tx) => startAuditedSession(tx, now, user.id, request, { action: 'auth.login' }));
  return withAccessToken(deps, user, session);
}

export async function refresh(deps: AuthDeps, refreshToken: string, request: RequestInfo): Promise<SignedIn> {
  const { user, issued } = await rotateRefreshToken(deps, refreshToken, request);
  return withAccessToken(deps, user, issued);
}

/**
 * Ends the caller's session, found from the access token when it is valid, else from the refresh token. Ending an
 * already-ended session is not an error.
 */
export async function logout(
  deps: AuthDeps,
  credentials: { accessToken: string | null; refreshToken: string | undefined },
  request: RequestInfo,
): Promise<{ endedSession: boolean }> {
  let owner: { userId: string; sessionId: string } | undefined;
  if (credentials.accessToken) {
    const claims = await deps.tokens.verifyAccessToken(credentials.accessToken).catch(() => undefined);
    if (claims) owner = { userId: claims.userId, sessionId: claims.sessionId };
  }
  if (!owner && credentials.refreshToken) {
    const session = await findSessionOfRefreshToken(deps.db, credentials.refreshToken);
    if (session) owner = { userId: session.user_id, sessionId: session.family_id };
  }
  if (!owner) return { endedSession: false };
  const { userId, sessionId } = owner;

  const revoked = await deps.db.transaction().execute(async (tx) => {
    const ended = await revokeSessions(deps, { userId, familyIds: [sessionId] }, 'logout', tx);
    if (ended.length > 0) {
      await recordAudit(tx, request, {
        action: 'auth.logout',
        actorUserId: userId,
        subjectUserId: userId,
        at: deps.clock.now(),
        details: { sessionId },
      });
    }
    return ended;
  });
  return { endedSession: revoked.length > 0 };
}
