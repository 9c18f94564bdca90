import type { ColumnType, Generated } from 'kysely';
import type { UserRole } from '@arya/validators/enums';

/** Timestamps the database fills in (default now(), updated_at via trigger). */
export type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
export type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
export type Timestamp = ColumnType<Date, Date | string, Date | string>;

export type { UserRole };

export interface UsersTable {
  id: Generated<string>;
  /** Login name, stored normalised (trimmed, NFKC, lower case). Null for phone-only accounts. */
  account: string | null;
  /**
   * The account's look-alike key (Unicode TR39 skeleton, @arya/validators/account-skeleton), unique among live users;
   * set with `account` by the user repo. Null without an account, and for look-alikes that existed before the rule.
   */
  account_skeleton: string | null;
  username: string | null;
  /** bcrypt hash; null for accounts that cannot sign in with a password. */
  password_hash: string | null;
  role: ColumnType<UserRole, UserRole | undefined, UserRole>;
  /** E.164, unique among live users. */
  phone: string | null;
  phone_verified_at: Timestamp | null;
  password_changed_at: Timestamp | null;
  disabled_at: Timestamp | null;
  deleted_at: Timestamp | null;
  created_at: CreatedAt;
  updated_at: UpdatedAt;
}
