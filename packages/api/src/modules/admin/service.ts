import type { UserRole } from '@arya/db';
import type { RequestInfo } from '../../context';
import type { ApiDeps } from '../../deps';
import { AppError } from '../../errors';
import { recordAudit } from '../../lib/audit';
import { decodeCursor, keysetPage } from '../../lib/pagination';
import type { AccessTokenClaims } from '../../security/tokens';
import { findUserById, updateUser, type UserRow } from '../../users/repo';
import { toAdminUser } from '../../users/views';
import { revokeSessions } from '../auth/sessions';
import { listLiveSessions } from '../auth/sessions-repo';
import { listAuditEntries, listUsers, type UserListFilter } from './repo';

type AdminDeps = Pick<ApiDeps, 'db' | 'redis' | 'clock'>;

export async function listUsersPage(
  deps: Pick<ApiDeps, 'db'>,
  input: Omit<UserListFilter, 'after'> & { cursor?: string | undefined },
) {
  const after = input.cursor ? decodeCursor(input.cursor) : undefined;
  const rows = await listUsers(deps.db, { query: input.query, status: input.status, after, limit: input.limit });
  return keysetPage(rows, input.limit, toAdminUser);
}

async function requireUser(deps: Pick<ApiDeps, 'db'>, userId: string): Promise<UserRow> {
  const user = await findUserById(deps.db, userId);
  if (!user) throw new AppError('NOT_FOUND', 'user.notFound');
  return user;
}

export async function getUserDetail(deps: Pick<ApiDeps, 'db' | 'clock'>, userId: string) {
  const user = await requireUser(deps, userId);
  const sessions = await listLiveSessions(deps.db, userId, deps.clock.now());
  return {
    user: toAdminUser(user),
    sessions: sessions.map((s) => ({
      id: s.id,
      userAgent: s.userAgent,
      ip: s.ip,
      startedAt: s.startedAt.toISOString(),
      lastUsedAt: s.lastUsedAt.toISOString(),
      expiresAt: s.expiresAt.toISOString(),
    })),
  };
}

function refuseSelf(admin: AccessTokenClaims, userId: string): void {
  if (admin.userId === userId) throw new AppError('FORBIDDEN', 'admin.cannotChangeSelf');
}

/** Disabling also ends every session of the user, effective at once for access tokens. */
export async function setUserDisabled(
  deps: AdminDeps,
  admin: AccessTokenClaims,
  input: { userId: string; disabled: boolean },
  request: RequestInfo,
): Promise<UserRow> {
  refuseSelf(admin, input.userId);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (tx) => {
    const updated = await updateUser(tx, input.userId, { disabled_at: input.disabled ? now : null });
    if (!updated) throw new AppError('NOT_FOUND', 'user.notFound');
    const ended = input.disabled ? await revokeSessions(deps, { userId: input.userId }, 'user_disabled', tx) : [];
    await recordAudit(tx, request, {
      action: input.disabled ? 'admin.user_disabled' : 'admin.user_enabled',
      actorUserId: admin.userId,
      subjectUserId: input.userId,
      at: now,
      details: { revokedSessions: ended.length },
    });
    return updated;
  });
}

export async function setUserRole(
  deps: AdminDeps,
  admin: AccessTokenClaims,
  input: { userId: string; role: UserRole },
  request: RequestInfo,
): Promise<UserRow> {
  refuseSelf(admin, input.userId);
  return deps.db.transaction().execute(async (tx) => {
    const before = await findUserById(tx, input.userId);
    if (!before) throw new AppError('NOT_FOUND', 'user.notFound');
    const updated = await updateUser(tx, input.userId, { role: input.role });
    if (!updated) throw new AppError('NOT_FOUND', 'user.notFound');
    await recordAudit(tx, request, {
      action: 'admin.role_changed',
      actorUserId: admin.userId,
      subjectUserId: input.userId,
      at: deps.clock.now(),
      details: { from: before.role, to: input.role },
    });
    return updated;
  });
}

export async function revokeUserSessions(
  deps: AdminDeps,
  admin: AccessTokenClaims,
  userId: string,
  request: RequestInfo,
): Promise<{ revokedSessions: number }> {
  await requireUser(deps, userId);
  const ended = await deps.db.transaction().execute(async (tx) => {
    const revoked = await revokeSessions(deps, { userId }, 'revoked_by_admin', tx);
    await recordAudit(tx, request, {
      action: 'admin.sessions_revoked',
      actorUserId: admin.userId,
      subjectUserId: userId,
      at: deps.clock.now(),
      details: { revokedSessions: revoked.length },
    });
    return revoked;
  });
  return { revokedSessions: ended.length };
}

export async function auditLogPage(
  deps: Pick<ApiDeps, 'db'>,
  input: { userId?: string | undefined; cursor?: string | undefined; limit: number },
) {
  const rows = await listAuditEntries(deps.db, { userId: input.userId, beforeId: input.cursor, limit: input.limit });
  const page = rows.slice(0, input.limit);
  return {
    items: page.map((r) => ({
      id: r.id,
      action: r.action,
      actorUserId: r.actor_user_id,
      actorAccount: r.actor_account,
      subjectUserId: r.subject_user_id,
      ip: r.ip,
      userAgent: r.user_agent,
      details: r.details,
      createdAt: r.created_at.toISOString(),
    })),
    nextCursor: rows.length > input.limit ? (page.at(-1)?.id ?? null) : null,
  };
}
