import type { ColumnType, Generated, JSONColumnType } from 'kysely';
import type { UpdatedAt } from './users';

export type AuditDetails = Record<string, string | number | boolean | null>;

export interface AuditLogTable {
  id: Generated<string>;
  /** Who did it (null when anonymous, e.g. a failed login). */
  actor_user_id: string | null;
  /** Whom it concerns. */
  subject_user_id: string | null;
  action: string;
  ip: string | null;
  user_agent: string | null;
  details: JSONColumnType<AuditDetails, AuditDetails | undefined, AuditDetails>;
  /** Explicit so the recorded time follows the service clock. */
  created_at: ColumnType<Date, Date | string | undefined, never>;
  updated_at: UpdatedAt;
}
