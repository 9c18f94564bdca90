import { randomUUID } from 'node:crypto';
import type { Executor } from '@arya/db';
import type { RequestInfo } from '../../context';
import type { ApiDeps } from '../../deps';
import { AppError } from '../../errors';
import { recordAudit } from '../../lib/audit';
import { generateRefreshToken, hashRefreshToken, openSuccessor, sealSuccessor } from '../../security/refresh-tokens';
import { findLiveUserById, type UserRow } from '../../users/repo';
import { REFRESH_REUSE_GRACE_SECONDS, REFRESH_TOKEN_TTL_SECONDS } from './keys';
import {
  findSessionToken,
  findSessionTokenById,
  findSessionTokenForUpdate,
  insertSessionToken,
  markTokenRotated,
  revokeSessionTokens,
  type RevokeFilter,
  type SessionRow,
} from './sessions-repo';

export interface IssuedSession {
  sessionId: string;
  refreshToken: string;
  refreshTokenExpiresAt: Date;
}

function refreshExpiry(now: Date): Date {
  return new Date(now.getTime() + REFRESH_TOKEN_TTL_SECONDS * 1000);
}

async function issueToken(
  db: Executor,
  now: Date,
  session: { userId: string; familyId: string; startedAt: Date },
  request: RequestInfo,
): Promise<IssuedSession & { rowId: string }> {
  const refreshToken = generateRefreshToken();
  const expiresAt = refreshExpiry(now);
  const row = await insertSessionToken(db, {
    userId: session.userId,
    familyId: session.familyId,
    tokenHash: hashRefreshToken(refreshToken),
    userAgent: request.userAgent,
    ip: request.ip,
    startedAt: session.startedAt,
    now,
    expiresAt,
  });
  return { sessionId: session.familyId, refreshToken, refreshTokenExpiresAt: expiresAt, rowId: row.id };
}

/** Starts a new session (a new refresh-token family) for a user who just proved who they are. */
export async function startSession(
  db: Executor,
  now: Date,
  userId: string,
  request: RequestInfo,
): Promise<IssuedSession> {
  return issueToken(db, now, { userId, familyId: randomUUID(), startedAt: now }, request);
}

/**
 * Ends sessions: their refresh tokens and, through the access check (`access.ts` reads `revoked_at`), their access
 * tokens too, once the caller's transaction commits.
 */
export async function revokeSessions(
  deps: Pick<ApiDeps, 'db' | 'clock'>,
  filter: RevokeFilter,
  reason: string,
  executor: Executor = deps.db,
): Promise<string[]> {
  return revokeSessionTokens(executor, filter, deps.clock.now(), reason);
}

type RotationOutcome =
  | { kind: 'rotated'; user: UserRow; issued: IssuedSession }
  | { kind: 'reused'; session: SessionRow }
  | { kind: 'invalid' };

function isWithinGrace(session: SessionRow, now: Date, request: RequestInfo): boolean {
  if (!session.rotated_at) return false;
  const elapsedMs = now.getTime() - session.rotated_at.getTime();
  return elapsedMs <= REFRESH_REUSE_GRACE_SECONDS * 1000 && session.user_agent === request.userAgent;
}

/** Enough for any real chain within one grace period; a longer one is refused rather than walked. */
const MAX_REPLAY_HOPS = 8;

/**
 * The live head of the chain a rotated token started, when the same client replays that token within the grace period
 * (two tabs refreshing at once, a retry after a lost response): the successor it was already given (or, if that one
 * was rotated too, its successor), never a second chain. Each successor is sealed under its predecessor's token, so
 * only the replayed token opens the way. Undefined when there is no way (no seal, revoked, too long).
 */
async function replayedHead(
  tx: Executor,
  session: SessionRow,
  refreshToken: string,
): Promise<IssuedSession | undefined> {
  let row = session;
  let token = refreshToken;
  for (let hop = 0; hop < MAX_REPLAY_HOPS && row.rotated_at; hop += 1) {
    if (!row.successor_id || !row.successor_sealed) return undefined;
    const next = openSuccessor(token, row.successor_sealed, row.successor_id);
    const successor = await findSessionTokenById(tx, row.successor_id);
    if (next === undefined || !successor) return undefined;
    row = successor;
    token = next;
  }
  if (row.rotated_at || row.revoked_at) return undefined;
  return { sessionId: row.family_id, refreshToken: token, refreshTokenExpiresAt: row.expires_at };
}

/**
 * Exchanges a refresh token for a new one in the same session. A token that was already rotated is a sign of theft and
 * ends the whole session, unless the same client presents it within the grace period: then it gets the successor it
 * was already given, so a family never has more than one live chain.
 */
export async function rotateRefreshToken(
  deps: Pick<ApiDeps, 'db' | 'clock'>,
  refreshToken: string,
  request: RequestInfo,
): Promise<{ user: UserRow; issued: IssuedSession }> {
  const now = deps.clock.now();
  const outcome = await deps.db.transaction().execute(async (tx): Promise<RotationOutcome> => {
    const session = await findSessionTokenForUpdate(tx, hashRefreshToken(refreshToken));
    if (!session || session.revoked_at || session.expires_at <= now) return { kind: 'invalid' };
    if (session.rotated_at && !isWithinGrace(session, now, request)) return { kind: 'reused', session };
    const user = await findLiveUserById(tx, session.user_id);
    if (!user || user.disabled_at) return { kind: 'invalid' };
    if (session.rotated_at) {
      const replayed = await replayedHead(tx, session, refreshToken);
      return replayed ? { kind: 'rotated', user, issued: replayed } : { kind: 'invalid' };
    }
    const { rowId, ...issued } = await issueToken(
      tx,
      now,
      { userId: user.id, familyId: session.family_id, startedAt: session.started_at },
      request,
    );
    await markTokenRotated(tx, session.id, now, {
      id: rowId,
      sealed: sealSuccessor(refreshToken, issued.refreshToken, rowId),
    });
    return { kind: 'rotated', user, issued };
  });

  if (outcome.kind === 'invalid') throw new AppError('UNAUTHORIZED', 'auth.invalidRefreshToken');
  if (outcome.kind === 'reused') {
    const { session } = outcome;
    await deps.db.transaction().execute(async (tx) => {
      await revokeSessions(
        deps,
        { userId: session.user_id, familyIds: [session.family_id] },
        'refresh_token_reused',
        tx,
      );
      await recordAudit(tx, request, {
        action: 'auth.refresh_reuse_detected',
        actorUserId: null,
        subjectUserId: session.user_id,
        at: now,
        details: { sessionId: session.family_id },
      });
    });
    throw new AppError('UNAUTHORIZED', 'auth.refreshTokenReused');
  }
  return outcome;
}

/** The session a refresh token belongs to, if it is still live (for logout without an access token). */
export async function findSessionOfRefreshToken(db: Executor, refreshToken: string): Promise<SessionRow | undefined> {
  const session = await findSessionToken(db, hashRefreshToken(refreshToken));
  return session && !session.revoked_at ? session : undefined;
}

/**
 * Deletes refresh-token rows that can no longer be used or matter: expired for more than a day (a rotated token
 * presented after its expiry is simply invalid, so reuse detection does not need it). Hosts run this periodically.
 */
export async function pruneExpiredSessionTokens(deps: Pick<ApiDeps, 'db' | 'clock'>): Promise<number> {
  const cutoff = new Date(deps.clock.now().getTime() - 24 * 60 * 60 * 1000);
  const result = await deps.db.deleteFrom('sessions').where('expires_at', '<', cutoff).executeTakeFirst();
  return Number(result.numDeletedRows);
}
