import type { AuditDetails, Executor } from '@arya/db';
import type { RequestInfo } from '../context';

/** Every action the audit log records. Modules add theirs here. */
export type AuditAction =
  | 'auth.register'
  | 'auth.login'
  | 'auth.login_failed'
  | 'auth.logout'
  | 'auth.refresh_reuse_detected'
  | 'auth.password_reset'
  | 'auth.password_set_by_link'
  | 'user.phone_bound'
  | 'user.profile_updated'
  | 'user.password_changed'
  | 'user.password_set_by_sms'
  | 'user.account_set'
  | 'user.session_revoked'
  | 'user.other_sessions_revoked'
  | 'admin.user_created'
  | 'admin.user_disabled'
  | 'admin.user_enabled'
  | 'admin.role_changed'
  | 'admin.setup_link_issued'
  | 'admin.sessions_revoked'
  | 'bom.file_uploaded'
  | 'bom.run_created'
  | 'bom.run_succeeded'
  | 'bom.run_failed'
  | 'bom.run_retried'
  | 'bom.run_deleted'
  | 'bom.file_deleted'
  | 'bom.retention_pruned'
  | 'sms.budget_exhausted';

export interface AuditEntry {
  action: AuditAction;
  /** Who did it; null when anonymous (a failed login). */
  actorUserId: string | null;
  /** Whom it concerns. */
  subjectUserId: string | null;
  at: Date;
  details?: AuditDetails;
}

/**
 * Writes one audit row with the executor given, so it commits or rolls back with the caller's transaction. The
 * request gives the row its IP and user agent; work no request started (the run queue, retention, the first admin)
 * passes null.
 */
export async function recordAudit(
  executor: Executor,
  request: Pick<RequestInfo, 'ip' | 'userAgent'> | null,
  entry: AuditEntry,
): Promise<void> {
  await executor
    .insertInto('audit_log')
    .values({
      action: entry.action,
      actor_user_id: entry.actorUserId,
      subject_user_id: entry.subjectUserId,
      ip: request?.ip ?? null,
      user_agent: request?.userAgent ?? null,
      details: entry.details ?? {},
      created_at: entry.at,
    })
    .execute();
}
