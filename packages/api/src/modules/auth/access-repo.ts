import { sql } from 'kysely';
import type { Executor } from '@arya/db';
import type { UserRow } from '../../users/repo';

/** What decides whether an access token may still be used: its user (live, not deleted) and its session's state. */
export interface AccessState {
  /** Undefined when the user does not exist or was deleted. */
  user: UserRow | undefined;
  /** The session (refresh-token family) still has a token that was not revoked. */
  sessionLive: boolean;
}

/** One round trip: the user row and whether the session is live. Postgres is the source of truth for both. */
export async function findAccessState(db: Executor, userId: string, sessionId: string): Promise<AccessState> {
  const row = await db
    .selectFrom('users')
    .selectAll('users')
    .select(
      sql<boolean>`exists (
        select 1 from sessions s where s.family_id = ${sessionId} and s.user_id = users.id and s.revoked_at is null
      )`.as('session_live'),
    )
    .where('id', '=', userId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!row) return { user: undefined, sessionLive: false };
  const { session_live: sessionLive, ...user } = row;
  return { user, sessionLive };
}
