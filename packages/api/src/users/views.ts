import type { UserRow } from './repo';

/** What a user sees about themself. Dates are ISO strings because the API speaks plain JSON. */
export function toPublicUser(row: UserRow) {
  return {
    id: row.id,
    account: row.account,
    username: row.username,
    phone: row.phone,
    phoneVerifiedAt: row.phone_verified_at?.toISOString() ?? null,
    role: row.role,
    /** False for an account made with a phone only, or by an admin before its owner set one. */
    hasPassword: row.password_hash !== null,
    createdAt: row.created_at.toISOString(),
  };
}

export type PublicUser = ReturnType<typeof toPublicUser>;

/** What an admin sees about any user. */
export function toAdminUser(row: UserRow) {
  return {
    ...toPublicUser(row),
    passwordChangedAt: row.password_changed_at?.toISOString() ?? null,
    disabledAt: row.disabled_at?.toISOString() ?? null,
    deletedAt: row.deleted_at?.toISOString() ?? null,
    updatedAt: row.updated_at.toISOString(),
  };
}
