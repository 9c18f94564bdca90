import type { AuditDetails, Executor } from '@arya/db';
import type { RequestInfo } from '../../context';
import type { ApiDeps } from '../../deps';
import { recordAudit } from '../../lib/audit';
import type { UserRow } from '../../users/repo';
import { startSession, type IssuedSession } from './sessions';

export interface SignedIn {
  user: UserRow;
  session: IssuedSession;
  accessToken: string;
  accessTokenExpiresAt: Date;
}

/** Starts a session for `userId` and records how it began, in the caller's transaction. */
export async function startAuditedSession(
  tx: Executor,
  now: Date,
  userId: string,
  request: RequestInfo,
  audit: { action: 'auth.register' | 'auth.login'; details?: AuditDetails },
): Promise<IssuedSession> {
  const session = await startSession(tx, now, userId, request);
  await recordAudit(tx, request, {
    action: audit.action,
    actorUserId: userId,
    subjectUserId: userId,
    at: now,
    details: { ...audit.details, ...(audit.action === 'auth.login' ? { sessionId: session.sessionId } : {}) },
  });
  return session;
}

export async function withAccessToken(
  deps: Pick<ApiDeps, 'tokens'>,
  user: UserRow,
  session: IssuedSession,
): Promise<SignedIn> {
  const access = await deps.tokens.signAccessToken({ userId: user.id, sessionId: session.sessionId, role: user.role });
  return { user, session, accessToken: access.token, accessTokenExpiresAt: access.expiresAt };
}
