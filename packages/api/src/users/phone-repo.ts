import type { Executor } from '@arya/db';
import type { UserRow } from './repo';

/** `phone` is E.164, as stored. */
export async function findLiveUserByPhone(db: Executor, phone: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('phone', '=', phone)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}
