import { AppError } from '../errors';
import commonPasswords from './data/common-passwords.json' with { type: 'json' };

/** bcrypt reads only the first 72 bytes; longer passwords are refused rather than silently truncated. */
export const PASSWORD_MIN_BYTES = 8;
export const PASSWORD_MAX_BYTES = 72;

const commonPasswordSet: ReadonlySet<string> = new Set(commonPasswords);

function normaliseForLookup(password: string): string {
  return password.normalize('NFKC').toLowerCase();
}

export function isCommonPassword(password: string): boolean {
  return commonPasswordSet.has(normaliseForLookup(password));
}

/** Throws a BAD_REQUEST AppError naming the broken rule; returns nothing when the password may be used. */
export function assertAcceptablePassword(password: string): void {
  const bytes = Buffer.byteLength(password, 'utf8');
  if (bytes < PASSWORD_MIN_BYTES) throw new AppError('BAD_REQUEST', 'password.tooShort', { min: PASSWORD_MIN_BYTES });
  if (bytes > PASSWORD_MAX_BYTES) throw new AppError('BAD_REQUEST', 'password.tooLong', { max: PASSWORD_MAX_BYTES });
  if (isCommonPassword(password)) throw new AppError('BAD_REQUEST', 'password.tooCommon');
}
