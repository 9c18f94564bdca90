import { passwordLengthProblem } from '@arya/validators/password';
import { AppError } from '../errors';
import commonPasswords from './data/common-passwords.json' with { type: 'json' };

const commonPasswordSet: ReadonlySet<string> = new Set(commonPasswords);

function normaliseForLookup(password: string): string {
  return password.normalize('NFKC').toLowerCase();
}

export function isCommonPassword(password: string): boolean {
  return commonPasswordSet.has(normaliseForLookup(password));
}

/** Throws a BAD_REQUEST AppError naming the broken rule; returns nothing when the password may be used. */
export function assertAcceptablePassword(password: string): void {
  const length = passwordLengthProblem(password);
  if (length?.kind === 'tooShort')
    throw new AppError('BAD_REQUEST', 'password.tooShort', {
      min: length.min,
      bytes: length.bytes,
    });
  if (length?.kind === 'tooLong')
    throw new AppError('BAD_REQUEST', 'password.tooLong', {
      max: length.max,
      bytes: length.bytes,
    });
  if (isCommonPassword(password)) throw new AppError('BAD_REQUEST', 'password.tooCommon');
}
