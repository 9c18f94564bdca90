import type { Insertable, Selectable, Updateable } from 'kysely';
import type { DB, Executor, UserRole } from '@arya/db';
import { accountColumns } from '../security/account-names';

export { isUniqueViolation } from '../lib/unique-violation';

export type UserRow = Selectable<DB['users']>;

/** The look-alike key is derived here from `account`, so no write of an account name can leave it out. */
type UserWrite<Values> = Omit<Values, 'account_skeleton'>;

function withAccountSkeleton<Values extends { account?: string | null | undefined }>(values: Values) {
  if (values.account === undefined) return values;
  return { ...values, ...(values.account === null ? { account_skeleton: null } : accountColumns(values.account)) };
}

export async function findLiveUserById(db: Executor, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).where('deleted_at', 'is', null).executeTakeFirst();
}

export async function findUserById(db: Executor, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function findLiveUserByAccount(db: Executor, account: string): Promise<UserRow | undefined> {
  return db
    .selectFrom('users')
    .selectAll()
    .where('account', '=', account)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
}

/** A live account holding this name or a look-alike of it (the unique indexes still decide races). */
export async function findLiveAccountOrLookAlike(
  db: Executor,
  account: string,
): Promise<Pick<UserRow, 'account'> | undefined> {
  return db
    .selectFrom('users')
    .select('account')
    .where((eb) =>
      eb.or([eb('account', '=', account), eb('account_skeleton', '=', accountColumns(account).account_skeleton)]),
    )
    .where('deleted_at', 'is', null)
    .orderBy((eb) => eb('account', '=', account), 'desc')
    .limit(1)
    .executeTakeFirst();
}

export async function insertUser(db: Executor, values: UserWrite<Insertable<DB['users']>>): Promise<UserRow> {
  return db.insertInto('users').values(withAccountSkeleton(values)).returningAll().executeTakeFirstOrThrow();
}

export async function updateUser(
  db: Executor,
  id: string,
  values: UserWrite<Updateable<DB['users']>>,
): Promise<UserRow | undefined> {
  return db
    .updateTable('users')
    .set(withAccountSkeleton(values))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function anyAdminExists(db: Executor): Promise<boolean> {
  const row = await db
    .selectFrom('users')
    .select('id')
    .where('role', '=', 'admin' satisfies UserRole)
    .where('deleted_at', 'is', null)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** Accounts not deleted (disabled ones count). */
export async function countLiveUsers(db: Executor): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<string>().as('count'))
    .where('deleted_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
