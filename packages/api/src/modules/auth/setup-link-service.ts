import type { RequestInfo } from '../../context';
import type { ApiDeps } from '../../deps';
import { AppError } from '../../errors';
import { recordAudit } from '../../lib/audit';
import { assertAcceptablePassword } from '../../security/password-rules';
import { findLiveUserById, updateUser } from '../../users/repo';
import { reservePasswordChange } from './password-change-limit';
import { revokeSessions } from './sessions';
import { consumeSetupLink, peekSetupLink } from './setup-links';
import { startAuditedSession, withAccessToken, type SignedIn } from './sign-in';

/**
 * Sets the password of the user an admin's one-time link belongs to, ends any other session of theirs and signs them
 * in. The link is checked before the password (cheap first) and used up only once the password is acceptable.
 */
export async function setPasswordWithLink(
  deps: Pick<ApiDeps, 'db' | 'redis' | 'clock' | 'passwords' | 'tokens'>,
  input: { token: string; newPassword: string },
  request: RequestInfo,
): Promise<SignedIn> {
  const now = deps.clock.now();
  const linkedUserId = await peekSetupLink(deps.redis, { token: input.token, now });
  assertAcceptablePassword(input.newPassword);
  await reservePasswordChange(deps, request.ip);
  const newHash = await deps.passwords.hash(input.newPassword, request.ip);
  const userId = await consumeSetupLink(deps.redis, { token: input.token, now });
  const user = await findLiveUserById(deps.db, userId);
  if (userId !== linkedUserId || !user) throw new AppError('BAD_REQUEST', 'auth.setupLinkInvalid');
  if (user.disabled_at) throw new AppError('FORBIDDEN', 'auth.accountDisabled');
  const { updated, session } = await deps.db.transaction().execute(async (tx) => {
    const changed = await updateUser(tx, user.id, { password_hash: newHash, password_changed_at: now });
    if (!changed) throw new AppError('BAD_REQUEST', 'auth.setupLinkInvalid');
    const ended = await revokeSessions(deps, { userId: user.id }, 'password_reset', tx);
    await recordAudit(tx, request, {
      action: 'auth.password_set_by_link',
      actorUserId: user.id,
      subjectUserId: user.id,
      at: now,
      details: { revokedSessions: ended.length },
    });
    const started = await startAuditedSession(tx, now, user.id, request, {
      action: 'auth.login',
      details: { method: 'setup_link' },
    });
    return { updated: changed, session: started };
  });
  return withAccessToken(deps, updated, session);
}
