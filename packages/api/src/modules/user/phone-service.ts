import type { RequestInfo } from '../../context';
import type { ApiDeps } from '../../deps';
import { AppError } from '../../errors';
import { recordAudit } from '../../lib/audit';
import type { AccessTokenClaims } from '../../security/tokens';
import { maskPhone } from '../sms/phone';
import { verifySmsCode } from '../sms/service';
import { isUniqueViolation, updateUser, type UserRow } from './repo';
import { getCurrentUser } from './service';

/**
 * Binds (or changes) the signed-in user's phone. Re-authentication: the current password is required, and the code
 * proves the new phone is theirs. The password is checked before the code so a wrong password does not burn it.
 */
export async function bindPhone(
  deps: Pick<ApiDeps, 'db' | 'redis' | 'clock' | 'config' | 'passwords'>,
  auth: AccessTokenClaims,
  input: { phone: string; code: string; password: string },
  request: RequestInfo,
): Promise<UserRow> {
  const user = await getCurrentUser(deps, auth);
  if (user.password_hash === null) throw new AppError('BAD_REQUEST', 'password.notSet');
  if (!(await deps.passwords.verify(input.password, user.password_hash)))
    throw new AppError('BAD_REQUEST', 'password.wrongCurrent');
  const phone = await verifySmsCode(deps, { phone: input.phone, purpose: 'bind_phone', code: input.code });
  const now = deps.clock.now();
  try {
    return await deps.db.transaction().execute(async (tx) => {
      const updated = await updateUser(tx, user.id, { phone: phone.e164, phone_verified_at: now });
      if (!updated) throw new AppError('NOT_FOUND', 'user.notFound');
      await recordAudit(tx, {
        action: 'user.phone_bound',
        actorUserId: user.id,
        subjectUserId: user.id,
        ip: request.ip,
        userAgent: request.userAgent,
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
