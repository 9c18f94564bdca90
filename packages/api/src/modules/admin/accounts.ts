import type { UserRole } from '@arya/db';
import type { RequestInfo } from '../../context';
import type { ApiDeps } from '../../deps';
import { AppError } from '../../errors';
import { recordAudit } from '../../lib/audit';
import { accountConflict } from '../../security/account-names';
import type { AccessTokenClaims } from '../../security/tokens';
import { findUserById, insertUser, isUniqueViolation, type UserRow } from '../../users/repo';
import { issueSetupLink } from '../auth/setup-links';
import { normaliseSmsPhone } from '../sms/service';

type AccountDeps = Pick<ApiDeps, 'db' | 'redis' | 'clock' | 'config'>;

export interface SetupLink {
  token: string;
  expiresAt: string;
}

/**
 * Creates an account without a password (how accounts come to be when registration is closed). Its owner sets the
 * password with the one-time link returned here, or by SMS when a phone is given (忘记密码, or SMS sign-in then 个人资料).
 */
export async function createUser(
  deps: AccountDeps,
  admin: AccessTokenClaims,
  input: { account?: string | undefined; username?: string | undefined; phone?: string | undefined; role: UserRole },
  request: RequestInfo,
): Promise<{ user: UserRow; setupLink: SetupLink }> {
  if (input.account === undefined && input.phone === undefined) {
    throw new AppError('BAD_REQUEST', 'admin.accountOrPhoneNeeded');
  }
  const phone = input.phone === undefined ? null : normaliseSmsPhone(deps, input.phone).e164;
  const now = deps.clock.now();
  let user: UserRow;
  try {
    user = await deps.db.transaction().execute(async (tx) => {
      const created = await insertUser(tx, {
        account: input.account ?? null,
        username: input.username ?? null,
        phone,
        role: input.role,
      });
      await recordAudit(tx, request, {
        action: 'admin.user_created',
        actorUserId: admin.userId,
        subjectUserId: created.id,
        at: now,
        details: { role: input.role, via: 'admin' },
      });
      return created;
    });
  } catch (error) {
    if (isUniqueViolation(error, 'users_phone_live_key')) throw new AppError('CONFLICT', 'user.phoneTaken');
    throw accountConflict(error) ?? error;
  }
  const link = await issueSetupLink(deps.redis, { userId: user.id, now });
  return { user, setupLink: { token: link.token, expiresAt: link.expiresAt.toISOString() } };
}

/** A fresh one-time set-password link for a user (the previous one stops working). */
export async function issueUserSetupLink(
  deps: AccountDeps,
  admin: AccessTokenClaims,
  userId: string,
  request: RequestInfo,
): Promise<SetupLink> {
  const user = await findUserById(deps.db, userId);
  if (!user) throw new AppError('NOT_FOUND', 'user.notFound');
  if (user.deleted_at) throw new AppError('BAD_REQUEST', 'admin.userDeleted');
  const now = deps.clock.now();
  const link = await issueSetupLink(deps.redis, { userId, now });
  await recordAudit(deps.db, request, {
    action: 'admin.setup_link_issued',
    actorUserId: admin.userId,
    subjectUserId: userId,
    at: now,
  });
  return { token: link.token, expiresAt: link.expiresAt.toISOString() };
}
