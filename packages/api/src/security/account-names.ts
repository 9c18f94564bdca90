import { mixedScripts } from '@arya/validators/account-name';
import { accountSkeleton } from '@arya/validators/account-skeleton';
import { AppError } from '../errors';
import { isUniqueViolation } from '../lib/unique-violation';

function scriptList(scripts: string[], locale: 'zh-CN' | 'en'): string {
  const names = new Intl.DisplayNames([locale], { type: 'script' });
  return new Intl.ListFormat(locale, { type: 'conjunction' }).format(scripts.map((code) => names.of(code) ?? code));
}

/**
 * Refuses (BAD_REQUEST, on the `account` field) a normalised account name that mixes scripts beyond what Unicode TR39's
 * Highly Restrictive level allows: "аlice" with a Cyrillic а. Call it with the other cheap checks, before any hash.
 */
export function assertAcceptableAccount(account: string): void {
  const scripts = mixedScripts(account);
  if (!scripts) return;
  throw new AppError(
    'BAD_REQUEST',
    'account.mixedScripts',
    { scriptsZh: scriptList(scripts, 'zh-CN'), scriptsEn: scriptList(scripts, 'en') },
    { field: 'account' },
  );
}

/** The columns that store an account name: the name and its look-alike key (every write of `account` goes through). */
export function accountColumns(account: string): { account: string; account_skeleton: string } {
  assertAcceptableAccount(account);
  return { account, account_skeleton: accountSkeleton(account) };
}

const taken = () => new AppError('CONFLICT', 'auth.accountTaken', {}, { field: 'account' });
const lookAlikeTaken = () => new AppError('CONFLICT', 'account.lookAlikeTaken', {}, { field: 'account' });

/** The CONFLICT for a name already held exactly or by a look-alike (`holder` is that live account's name). */
export function takenAccountError(account: string, holder: string | null): AppError {
  return holder === account ? taken() : lookAlikeTaken();
}

/** The CONFLICT for a name taken exactly or by a look-alike, when that is why a write failed; undefined otherwise. */
export function accountConflict(error: unknown): AppError | undefined {
  if (isUniqueViolation(error, 'users_account_live_key')) return taken();
  if (isUniqueViolation(error, 'users_account_skeleton_live_key')) return lookAlikeTaken();
  return undefined;
}
