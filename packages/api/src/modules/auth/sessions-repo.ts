import type { Selectable } from 'kysely';
import type { DB, Executor } from '@arya/db';

export type SessionRow = Selectable<DB['sessions']>;

export interface NewSessionToken {
  userId: string;
  familyId: string;
  tokenHash: string;
  userAgent: string | null;
  ip: string | null;
  startedAt: Date;
  now: Date;
  expiresAt: Date;
}

export async function insertSessionToken(db: Executor, token: NewSessionToken): Promise<SessionRow> {
  return db
    .insertInto('sessions')
    .values({
      user_id: token.userId,
      family_id: token.familyId,
      token_hash: token.tokenHash,
      user_agent: token.userAgent,
      ip: token.ip,
      started_at: token.startedAt,
      last_used_at: token.now,
      expires_at: token.expiresAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Locks the row so concurrent refreshes with the same token run one after another. */
export async function findSessionTokenForUpdate(db: Executor, tokenHash: string): Promise<SessionRow | undefined> {
  return db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).forUpdate().executeTakeFirst();
}

export async function findSessionToken(db: Executor, tokenHash: string): Promise<SessionRow | undefined> {
  return db.selectFrom('sessions').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

export async function findSessionTokenById(db: Executor, id: string): Promise<SessionRow | undefined> {
  return db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function markTokenRotated(
  db: Executor,
  id: string,
  at: Date,
  successor: { id: string; sealed: string },
): Promise<void> {
  await db
    .updateTable('sessions')
    .set({ rotated_at: at, last_used_at: at, successor_id: successor.id, successor_sealed: successor.sealed })
    .where('id', '=', id)
    .execute();
}

export interface RevokeFilter {
  userId: string;
  /** Only these sessions (families); all of the user's when omitted. */
  familyIds?: readonly string[];
  exceptFamilyId?: string;
}

/** Revokes every live token of the matching sessions; returns the ids of the sessions that had any. */
export async function revokeSessionTokens(
  db: Executor,
  filter: RevokeFilter,
  at: Date,
  reason: string,
): Promise<string[]> {
  if (filter.familyIds?.length === 0) return [];
  let query = db
    .updateTable('sessions')
    .set({ revoked_at: at, revoked_reason: reason })
    .where('user_id', '=', filter.userId)
    .where('revoked_at', 'is', null);
  if (filter.familyIds) query = query.where('family_id', 'in', filter.familyIds);
  if (filter.exceptFamilyId) query = query.where('family_id', '!=', filter.exceptFamilyId);
  const rows = await query.returning('family_id').execute();
  return [...new Set(rows.map((r) => r.family_id))];
}

export interface LiveSession {
  id: string;
  userAgent: string | null;
  ip: string | null;
  startedAt: Date;
  lastUsedAt: Date;
  expiresAt: Date;
}

/** One entry per session (family) that still has a usable refresh token. */
export async function listLiveSessions(db: Executor, userId: string, now: Date): Promise<LiveSession[]> {
  const rows = await db
    .selectFrom('sessions')
    .select(['family_id', 'user_agent', 'ip', 'started_at', 'last_used_at', 'expires_at'])
    .distinctOn('family_id')
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .where('rotated_at', 'is', null)
    .where('expires_at', '>', now)
    .orderBy('family_id')
    .orderBy('last_used_at', 'desc')
    .execute();
  return rows
    .map((r) => ({
      id: r.family_id,
      userAgent: r.user_agent,
      ip: r.ip,
      startedAt: r.started_at,
      lastUsedAt: r.last_used_at,
      expiresAt: r.expires_at,
    }))
    .toSorted((a, b) => b.lastUsedAt.getTime() - a.lastUsedAt.getTime());
}
