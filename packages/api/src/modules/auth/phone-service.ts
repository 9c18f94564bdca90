import type { RequestInfo } from '../../context';
import type { ApiDeps } from '../../deps';
import { AppError } from '../../errors';
import { recordAudit } from '../../lib/audit';
import { accountConflict, assertAcceptableAccount, takenAccountError } from '../../security/account-names';
import { assertAcceptablePassword } from '../../security/password-rules';
import { findLiveUserByPhone } from '../../users/phone-repo';
import { findLiveAccountOrLookAlike, insertUser, isUniqueViolation, updateUser } from '../../users/repo';
import { verifySmsCode } from '../sms/service';
import { reservePasswordChange } from './password-change-limit';
import { reserveRegistration } from './registration-limit';
import { assertRegistrationOpen } from './registration-mode';
import { revokeSessions } from './sessions';
import { startAuditedSession, withAccessToken, type SignedIn } from './sign-in';

export type PhoneAuthDeps = Pick<ApiDeps, 'db' | 'redis' | 'clock' | 'config' | 'passwords' | 'tokens'>;

/**
 * Registers with a verified phone; account and password are optional (a phone-only account signs in by SMS).
 * Everything that can be checked without the code is checked first, so a bad password does not burn the code; the
 * password is hashed only once the code is right, so wrong codes cost no bcrypt time.
 */
export async function registerWithPhone(
  deps: PhoneAuthDeps,
  input: {
    phone: string;
    code: string;
    account?: string | undefined;
    password?: string | undefined;
    username?: string | undefined;
  },
  request: RequestInfo,
): Promise<SignedIn> {
  assertRegistrationOpen(deps.config);
  if (input.account !== undefined) assertAcceptableAccount(input.account);
  if (input.password !== undefined) assertAcceptablePassword(input.password);
  await reserveRegistration(deps, request.ip);
  if (input.account !== undefined) {
    // Checked before the code is used up, so a taken name costs the person a retype, not a new SMS.
    const holder = await findLiveAccountOrLookAlike(deps.db, input.account);
    if (holder) throw takenAccountError(input.account, holder.account);
  }
  const phone = await verifySmsCode(deps, { phone: input.phone, purpose: 'register', code: input.code });
  const passwordHash = input.password === undefined ? null : await deps.passwords.hash(input.password, request.ip);
  const now = deps.clock.now();
  try {
    const { user, session } = await deps.db.transaction().execute(async (tx) => {
      const created = await insertUser(tx, {
        account: input.account ?? null,
        username: input.username ?? null,
        password_hash: passwordHash,
        password_changed_at: passwordHash ? now : null,
        phone: phone.e164,
        phone_verified_at: now,
      });
      const started = await startAuditedSession(tx, now, created.id, request, {
        action: 'auth.register',
        details: { method: 'sms' },
      });
      return { user: created, session: started };
    });
    return await withAccessToken(deps, user, session);
  } catch (error) {
    if (isUniqueViolation(error, 'users_phone_live_key')) throw new AppError('CONFLICT', 'auth.phoneTaken');
    throw accountConflict(error) ?? error;
  }
}

/** Signs in with a code sent for `login`. The code is used up even when no account has this phone. */
export async function loginWithSms(
  deps: PhoneAuthDeps,
  input: { phone: string; code: string },
  request: RequestInfo,
): Promise<SignedIn> {
  const phone = await verifySmsCode(deps, { phone: input.phone, purpose: 'login', code: input.code });
  const now = deps.clock.now();
  const user = await findLiveUserByPhone(deps.db, phone.e164);
  if (!user) throw new AppError('NOT_FOUND', 'auth.phoneNotRegistered');
  if (user.disabled_at) {
    await recordAudit(deps.db, request, {
      action: 'auth.login_failed',
      actorUserId: null,
      subjectUserId: user.id,
      at: now,
      details: { method: 'sms', reason: 'disabled' },
    });
    throw new AppError('FORBIDDEN', 'auth.accountDisabled');
  }
  const session = await deps.db
    .transaction()
    .execute((tx) =>
      startAuditedSession(tx, now, user.id, request, { action: 'auth.login', details: { method: 'sms' } }),
    );
  return withAccessToken(deps, user, session);
}

/**
 * Sets a new password with a code sent for `reset_password` and ends every session of that user. Cheap checks first:
 * the password rules, the address's limit, then the code; only a right code gets a bcrypt hash.
 */
export async function resetPassword(
  deps: PhoneAuthDeps,
  input: { phone: string; code: string; newPassword: string },
  request: RequestInfo,
): Promise<{ revokedSessions: number }> {
  assertAcceptablePassword(input.newPassword);
  await reservePasswordChange(deps, request.ip);
  const phone = await verifySmsCode(deps, { phone: input.phone, purpose: 'reset_password', code: input.code });
  const user = await findLiveUserByPhone(deps.db, phone.e164);
  if (!user) throw new AppError('NOT_FOUND', 'auth.phoneNotRegistered');
  const newHash = await deps.passwords.hash(input.newPassword, request.ip);
  const now = deps.clock.now();
  const revoked = await deps.db.transaction().execute(async (tx) => {
    await updateUser(tx, user.id, { password_hash: newHash, password_changed_at: now });
    const ended = await revokeSessions(deps, { userId: user.id }, 'password_reset', tx);
    await recordAudit(tx, request, {
      action: 'auth.password_reset',
      actorUserId: user.id,
      subjectUserId: user.id,
      at: now,
      details: { revokedSessions: ended.length },
    });
    return ended;
  });
  return { revokedSessions: revoked.length };
}
