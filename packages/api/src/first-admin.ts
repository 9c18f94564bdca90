import type { ApiDeps } from './deps';
import { AppError } from './errors';
import { recordAudit } from './lib/audit';
import { newAccountSchema } from './modules/auth/schemas';
import { assertAcceptableAccount } from './security/account-names';
import { assertAcceptablePassword } from './security/password-rules';
import { anyAdminExists, findLiveUserByAccount, insertUser, updateUser } from './users/repo';

export interface FirstAdminInput {
  account: string;
  /** Needed only to create the account; an existing account keeps its password. */
  password?: string | undefined;
  username?: string;
  /** Do nothing when an admin already exists (used for the env-based admin on every start). */
  onlyIfNoAdmin?: boolean;
}

export type FirstAdminResult =
  | { status: 'created' | 'promoted'; userId: string }
  | { status: 'skipped'; reason: 'admin_exists' };

/**
 * Creates an admin account, or promotes an existing account to admin (its password is left as it is). Used by
 * `pnpm admin:create` and by the server on start when ADMIN_ACCOUNT/ADMIN_PASSWORD are set.
 */
export async function createFirstAdmin(
  deps: Pick<ApiDeps, 'db' | 'passwords' | 'clock'>,
  input: FirstAdminInput,
): Promise<FirstAdminResult> {
  const parsedAccount = newAccountSchema.safeParse(input.account);
  if (!parsedAccount.success) {
    throw new AppError('BAD_REQUEST', 'error.validation', { field: 'account' });
  }
  const account = parsedAccount.data;
  assertAcceptableAccount(account);
  if (input.password !== undefined) assertAcceptablePassword(input.password);
  const passwordHash = input.password === undefined ? null : await deps.passwords.hash(input.password);
  const now = deps.clock.now();

  return deps.db.transaction().execute(async (tx): Promise<FirstAdminResult> => {
    // Serialises concurrent starts of several instances so only one creates the admin.
    await tx.selectNoFrom((eb) => eb.fn('pg_advisory_xact_lock', [eb.val(74_215_002)]).as('locked')).execute();
    if (input.onlyIfNoAdmin && (await anyAdminExists(tx))) return { status: 'skipped', reason: 'admin_exists' };
    const existing = await findLiveUserByAccount(tx, account);
    if (!existing && passwordHash === null) throw new AppError('BAD_REQUEST', 'admin.passwordNeeded');
    const user = existing
      ? await updateUser(tx, existing.id, { role: 'admin' })
      : await insertUser(tx, {
          account,
          username: input.username ?? null,
          password_hash: passwordHash,
          password_changed_at: now,
          role: 'admin',
        });
    if (!user) throw new Error('admin account vanished while being promoted');
    await recordAudit(tx, null, {
      action: existing ? 'admin.role_changed' : 'admin.user_created',
      actorUserId: null,
      subjectUserId: user.id,
      at: now,
      details: existing ? { from: existing.role, to: 'admin', via: 'cli' } : { role: 'admin', via: 'cli' },
    });
    return { status: existing ? 'promoted' : 'created', userId: user.id };
  });
}

/** Whether a live account has this name (so `pnpm admin:create` asks for a password only when it will create one). */
export async function adminCandidateExists(deps: Pick<ApiDeps, 'db'>, account: string): Promise<boolean> {
  const parsed = newAccountSchema.safeParse(account);
  return parsed.success && (await findLiveUserByAccount(deps.db, parsed.data)) !== undefined;
}
