import type { RequestInfo } from '../../context';
import type { ApiDeps } from '../../deps';
import { AppError, tooManyRequests } from '../../errors';
import { recordAudit } from '../../lib/audit';
import { reserveAttempt } from '../../lib/failure-limit';
import { accountConflict, assertAcceptableAccount } from '../../security/account-names';
import { assertAcceptablePassword } from '../../security/password-rules';
import { findLiveUserByAccount, insertUser } from '../../users/repo';
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
  assertAcceptableAccount(input.account);
  assertAcceptablePassword(input.password);
  deps.passwords.assertRoomFor(request.ip);
  await reserveRegistration(deps, request.ip);
  const passwordHash = await deps.passwords.hash(input.password, request.ip);
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
    throw accountConflict(error) ?? error;
  }
}

/**
 * Reserves a place under the per-address and per-account failure limits (lib/failure-limit.ts): only failures stay
 * counted, and parallel guesses cannot get more password checks than the limits allow.
 */
async function reserveLoginAttempt(deps: AuthDeps, account: string, ip: string) {
  const reservation = await reserveAttempt(deps.redis, [loginLimits.perIp(ip), loginLimits.perAccount(account)], () =>
    deps.clock.now(),
  );
  if (reservation.reserved) return reservation.settle;
  const messageKey = reservation.limitIndex === 0 ? 'auth.tooManyLoginsFromAddress' : 'auth.tooManyFailedLogins';
  throw tooManyRequests(messageKey, reservation.retryAfterSeconds);
}

/**
 * Signs in with account and password. A disabled account answers exactly as a wrong password does (and counts as a
 * failure), so someone who only guessed the password learns nothing; the message tells the real owner to ask an
 * administrator if they are sure of their password (packages/api README, "Disabled accounts").
 */
export async function login(
  deps: AuthDeps,
  input: { account: string; password: string },
  request: RequestInfo,
): Promise<SignedIn> {
  deps.passwords.assertRoomFor(request.ip);
  const settle = await reserveLoginAttempt(deps, input.account, request.ip ?? 'unknown');
  let outcome: 'failed' | 'succeeded' = 'succeeded';
  try {
    const user = await findLiveUserByAccount(deps.db, input.account);
    // Unknown accounts are checked against a dummy hash: same error, same time as a wrong password.
    const passwordMatches = await deps.passwords.verify(input.password, user?.password_hash ?? null, request.ip);
    const now = deps.clock.now();
    if (!user || !passwordMatches || user.disabled_at) {
      outcome = 'failed';
      const reason = !user ? 'unknown_account' : !passwordMatches ? 'wrong_password' : 'disabled';
      await recordAudit(deps.db, request, {
        action: 'auth.login_failed',
        actorUserId: null,
        subjectUserId: user?.id ?? null,
        at: now,
        details: { account: input.account, reason },
      });
      throw new AppError('UNAUTHORIZED', 'auth.invalidCredentials');
    }
    const session = await deps.db
      .transaction()
      .execute((tx) => startAuditedSession(tx, now, user.id, request, { action: 'auth.login' }));
    return await withAccessToken(deps, user, session);
  } finally {
    // Anything but a wrong answer (the hasher's queue was full, the database failed) gives the place back.
    await settle(outcome, deps.clock.now());
  }
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
