import type { RequestInfo } from '../../context';
import type { ApiDeps } from '../../deps';
import { AppError } from '../../errors';
import { recordAudit } from '../../lib/audit';
import { assertAcceptablePassword } from '../../security/password-rules';
import type { AccessTokenClaims } from '../../security/tokens';
import { isUniqueViolation, updateUser, type UserRow } from '../../users/repo';
import { reservePasswordChange } from '../auth/password-change-limit';
import { revokeSessions } from '../auth/sessions';
import { maskPhone } from '../sms/phone';
import { verifySmsCode } from '../sms/service';
import { assertCurrentPassword, withPassword } from './current-password';
import { getCurrentUser } from './service';

/**
 * Binds (or changes) the signed-in user's phone. Re-authentication: the current password is required, and the code
 * proves the new phone is theirs. The code is checked (and used up) before the password, so a caller without a valid
 * code learns nothing about the password; a wrong password counts against the account's failed-login limit.
 */
export async function bindPhone(
  deps: Pick<ApiDeps, 'db' | 'redis' | 'clock' | 'config' | 'passwords'>,
  auth: AccessTokenClaims,
  input: { phone: string; code: string; password: string },
  request: RequestInfo,
): Promise<UserRow> {
  const user = withPassword(await getCurrentUser(deps, auth));
  await reservePasswordChange(deps, request.ip);
  const phone = await verifySmsCode(deps, { phone: input.phone, purpose: 'bind_phone', code: input.code });
  await assertCurrentPassword(deps, user, input.password, request);
  const now = deps.clock.now();
  try {
    return await deps.db.transaction().execute(async (tx) => {
      const updated = await updateUser(tx, user.id, { phone: phone.e164, phone_verified_at: now });
      if (!updated) throw new AppError('NOT_FOUND', 'user.notFound');
      await recordAudit(tx, request, {
        action: 'user.phone_bound',
        actorUserId: user.id,
        subjectUserId: user.id,
        at: now,
        details: { phone: maskPhone(phone.e164), previousPhone: user.phone ? maskPhone(user.phone) : null },
      });
      return updated;
    });
  } catch (error) {
    if (isUniqueViolation(error, 'users_phone_live_key')) throw new AppError('CONFLICT', 'user.phoneTaken');
    throw error;
  }
}

/**
 * Sets the signed-in user's password with a `reset_password` code sent to their own phone: the way forward for an
 * account made with a phone only (it has no current password to give). Other sessions end when a password existed.
 * The new password is checked before the code so a weak one does not burn it, and hashed only after it.
 */
export async function setPasswordBySms(
  deps: Pick<ApiDeps, 'db' | 'redis' | 'clock' | 'config' | 'passwords'>,
  auth: AccessTokenClaims,
  input: { code: string; newPassword: string },
  request: RequestInfo,
): Promise<{ revokedSessions: number }> {
  const user = await getCurrentUser(deps, auth);
  if (user.phone === null) throw new AppError('BAD_REQUEST', 'user.phoneNeeded');
  assertAcceptablePassword(input.newPassword);
  await reservePasswordChange(deps, request.ip);
  await verifySmsCode(deps, { phone: user.phone, purpose: 'reset_password', code: input.code });
  const newHash = await deps.passwords.hash(input.newPassword, request.ip);
  const now = deps.clock.now();
  const revoked = await deps.db.transaction().execute(async (tx) => {
    await updateUser(tx, user.id, { password_hash: newHash, password_changed_at: now });
    const ended =
      user.password_hash === null
        ? []
        : await revokeSessions(deps, { userId: user.id, exceptFamilyId: auth.sessionId }, 'password_changed', tx);
    await recordAudit(tx, request, {
      action: 'user.password_set_by_sms',
      actorUserId: user.id,
      subjectUserId: user.id,
      at: now,
      details: { revokedSessions: ended.length, hadPassword: user.password_hash !== null },
    });
    return ended;
  });
  return { revokedSessions: revoked.length };
}
