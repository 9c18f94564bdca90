import type { RouterOutputs } from '@arya/api';
import type { UserStatus } from '@arya/validators/enums';

export type AdminUser = RouterOutputs['admin']['users']['list']['items'][number];

export function userStatus(user: Pick<AdminUser, 'disabledAt' | 'deletedAt'>): UserStatus {
  if (user.deletedAt) return 'deleted';
  if (user.disabledAt) return 'disabled';
  return 'active';
}

export const statusColour: Record<UserStatus, string> = { active: 'green', disabled: 'red', deleted: 'default' };

/** How to name a user in a sentence: account, else name, else phone. */
export function userLabel(user: Pick<AdminUser, 'account' | 'username' | 'phone'>): string {
  return user.account ?? user.username ?? user.phone ?? '—';
}
