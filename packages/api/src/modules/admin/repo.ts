import type { Executor } from '@arya/db';
import type { UserStatus } from '@arya/validators/enums';
import { newestFirst, type KeysetWindow } from '../../lib/pagination';
import type { UserRow } from '../../users/repo';

export interface UserListFilter extends KeysetWindow {
  query?: string | undefined;
  status?: UserStatus | undefined;
}

function escapeLike(text: string): string {
  return text.replaceAll(/[\\%_]/g, (c) => `\\${c}`);
}

/** Newest first; returns `limit + 1` rows at most so the caller knows whether another page exists. */
export async function listUsers(
  db: Executor,
  filter: UserListFilter,
): Promise<Array<UserRow & { cursor_created_at: string }>> {
  let query = db.selectFrom('users').selectAll();
  if (filter.status === 'deleted') query = query.where('deleted_at', 'is not', null);
  else query = query.where('deleted_at', 'is', null);
  if (filter.status === 'active') query = query.where('disabled_at', 'is', null);
  if (filter.status === 'disabled') query = query.where('disabled_at', 'is not', null);
  if (filter.query) {
    const pattern = `%${escapeLike(filter.query)}%`;
    query = query.where((eb) =>
      eb.or([eb('account', 'ilike', pattern), eb('username', 'ilike', pattern), eb('phone', 'ilike', pattern)]),
    );
  }
  return newestFirst(query, 'users', filter).execute();
}

export interface AuditFilter {
  userId?: string | undefined;
  beforeId?: string | undefined;
  limit: number;
}

export async function listAuditEntries(db: Executor, filter: AuditFilter) {
  let query = db
    .selectFrom('audit_log')
    .leftJoin('users as actor', 'actor.id', 'audit_log.actor_user_id')
    .select([
      'audit_log.id',
      'audit_log.action',
      'audit_log.actor_user_id',
      'actor.account as actor_account',
      'audit_log.subject_user_id',
      'audit_log.ip',
      'audit_log.user_agent',
      'audit_log.details',
      'audit_log.created_at',
    ]);
  if (filter.userId) {
    const userId = filter.userId;
    query = query.where((eb) =>
      eb.or([eb('audit_log.subject_user_id', '=', userId), eb('audit_log.actor_user_id', '=', userId)]),
    );
  }
  if (filter.beforeId) query = query.where('audit_log.id', '<', filter.beforeId);
  return query
    .orderBy('audit_log.id', 'desc')
    .limit(filter.limit + 1)
    .execute();
}
