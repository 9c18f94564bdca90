import type { RequestInfo } from '../../context';
import type { ApiDeps } from '../../deps';
import { AppError } from '../../errors';
import { recordAudit } from '../../lib/audit';
import { accountConflict } from '../../security/account-names';
import { assertAcceptablePassword } from '../../security/password-rules';
import type { AccessTokenClaims } from '../../security/tokens';
import { findLiveUserById, updateUser, type UserRow } from '../../users/repo';
import { reservePasswordChange } from '../auth/password-change-limit';
import { revokeSessions } from '../auth/sessions';
import { listLiveSessions } from '../auth/sessions-repo';
import { assertCurrentPassword, withPassword } from './current-password';

type UserDeps = Pick<ApiDeps, 'db' | 'redis' | 'clock' | 'passwords'>;

/** The signed-in user; a user deleted since the token was issued counts as signed out. */
export async function getCurrentUser(deps: Pick<ApiDeps, 'db'>, auth: AccessTokenClaims): Promise<UserRow> {
  const user = await findLiveUserById(deps.db, auth.userId);
  if (!user) throw new AppError('UNAUTHORIZED', 'auth.sessionRevoked');
  return user;
}

export async function updateProfile(
  deps: UserDeps,
  auth: AccessTokenClaims,
  changes: { username: string | null },
  request: RequestInfo,
): Promise<UserRow> {
  return deps.db.transaction().execute(async (tx) => {
    const updated = await updateUser(tx, auth.userId, { username: changes.username });
    if (!updated || updated.deleted_at) throw new AppError('UNAUTHORIZED', 'auth.sessionRevoked');
    await recordAudit(tx, request, {
      action: 'user.profile_updated',
      actorUserId: auth.userId,
      subjectUserId: auth.userId,
      at: deps.clock.now(),
      details: { username: changes.username },
    });
    return updated;
  });
}

/** Gives an account made with a phone only its account name, once (it is the name used to sign in by password). */
export async function setAccount(
  deps: UserDeps,
  auth: AccessTokenClaims,
  input: { account: string },
  request: RequestInfo,
): Promise<UserRow> {
  try {
    return await deps.db.transaction().execute(async (tx) => {
      const user = await findLiveUserById(tx, auth.userId);
      if (!user) throw new AppError('UNAUTHORIZED', 'auth.sessionRevoked');
      if (user.account !== null) throw new AppError('BAD_REQUEST', 'user.accountAlreadySet');
      const updated = await updateUser(tx, user.id, { account: input.account });
      if (!updated) throw new AppError('UNAUTHORIZED', 'auth.sessionRevoked');
      await recordAudit(tx, request, {
        action: 'user.account_set',
        actorUserId: user.id,
        subjectUserId: user.id,
        at: deps.clock.now(),
        details: { account: input.account },
      });
      return updated;
    });
  } catch (error) {
    throw accountConflict(error) ?? error;
  }
}

/** Changes the password and ends every other session of the user (the current one stays signed in). */
export async function changePassword(
  deps: UserDeps,
  auth: AccessTokenClaims,
  input: { currentPassword: string; newPassword: string },
  request: RequestInfo,
): Promise<{ revokedSessions: number }> {
  const user = withPassword(await getCurrentUser(deps, auth));
  assertAcceptablePassword(input.newPassword);
  await reservePasswordChange(deps, request.ip);
  await assertCurrentPassword(deps, user, input.currentPassword, request);
  const newHash = await deps.passwords.hash(input.newPassword, request.ip);
  const now = deps.clock.now();
  const revoked = await deps.db.transaction().execute(async (tx) => {
    await updateUser(tx, user.id, { password_hash: newHash, password_changed_at: now });
    const ended = await revokeSessions(
      deps,
      { userId: user.id, exceptFamilyId: auth.sessionId },
      'password_changed',
      tx,
    );
    await recordAudit(tx, request, {
      action: 'user.password_changed',
      actorUserId: user.id,
      subjectUserId: user.id,
      at: now,
      details: { revokedSessions: ended.length },
    });
    return ended;
  });
  return { revokedSessions: revoked.length };
}

export async function listSessions(deps: Pick<ApiDeps, 'db' | 'clock'>, auth: AccessTokenClaims) {
  const sessions = await listLiveSessions(deps.db, auth.userId, deps.clock.now());
  return sessions.map((s) => ({
    id: s.id,
    userAgent: s.userAgent,
    ip: s.ip,
    startedAt: s.startedAt.toISOString(),
    lastUsedAt: s.lastUsedAt.toISOString(),
    expiresAt: s.expiresAt.toISOString(),
    current: s.id === auth.sessionId,
  }));
}

export async function revokeOwnSession(
  deps: UserDeps,
  auth: AccessTokenClaims,
  sessionId: string,
  request: RequestInfo,
): Promise<void> {
  await deps.db.transaction().execute(async (tx) => {
    const ended = await revokeSessions(deps, { userId: auth.userId, familyIds: [sessionId] }, 'revoked_by_user', tx);
    if (ended.length === 0) throw new AppError('NOT_FOUND', 'user.sessionNotFound');
    await recordAudit(tx, request, {
      action: 'user.session_revoked',
      actorUserId: auth.userId,
      subjectUserId: auth.userId,
      at: deps.clock.now(),
      details: { sessionId },
    });
  });
}

export async function revokeOtherSessions(
  deps: UserDeps,
  auth: AccessTokenClaims,
  request: RequestInfo,
): Promise<{ revokedSessions: number }> {
  const ended = await deps.db.transaction().execute(async (tx) => {
    const revoked = await revokeSessions(
      deps,
      { userId: auth.userId, exceptFamilyId: auth.sessionId },
      'revoked_by_user',
      tx,
    );
    await recordAudit(tx, request, {
      action: 'user.other_sessions_revoked',
      actorUserId: auth.userId,
      subjectUserId: auth.userId,
      at: deps.clock.now(),
      details: { revokedSessions: revoked.length },
    });
    return revoked;
  });
  return { revokedSessions: ended.length };
}
