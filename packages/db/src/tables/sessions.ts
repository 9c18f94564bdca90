import type { Generated } from 'kysely';
import type { CreatedAt, Timestamp, UpdatedAt } from './users';

/**
 * One row per refresh token. Rows of one sign-in share `family_id`, which is the session id (`sid`) the user sees and
 * revokes; a refresh marks the presented row rotated and inserts its successor.
 */
export interface SessionsTable {
  id: Generated<string>;
  user_id: string;
  family_id: string;
  /** hex SHA-256 of the opaque refresh token; the token itself is never stored. */
  token_hash: string;
  user_agent: string | null;
  ip: string | null;
  /** When the family (the sign-in) started; copied onto each successor. */
  started_at: Timestamp;
  last_used_at: Timestamp;
  expires_at: Timestamp;
  rotated_at: Timestamp | null;
  /** The row this one was rotated into. */
  successor_id: string | null;
  /** That successor's token, AES-GCM-sealed under a key derived from this row's token (see `refresh-tokens.ts`). */
  successor_sealed: string | null;
  revoked_at: Timestamp | null;
  revoked_reason: string | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}
