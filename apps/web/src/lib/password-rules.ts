/** The server's rules (packages/api password-rules): 8–72 UTF-8 bytes; the common-password check stays on the server. */
export const PASSWORD_MIN_BYTES = 8;
export const PASSWORD_MAX_BYTES = 72;

export function utf8Length(text: string): number {
  return new TextEncoder().encode(text).length;
}

export type PasswordLengthProblem =
  | { kind: 'tooShort'; min: number; bytes: number }
  | { kind: 'tooLong'; max: number; bytes: number };

export function passwordLengthProblem(password: string): PasswordLengthProblem | null {
  const bytes = utf8Length(password);
  if (bytes < PASSWORD_MIN_BYTES) return { kind: 'tooShort', min: PASSWORD_MIN_BYTES, bytes };
  if (bytes > PASSWORD_MAX_BYTES) return { kind: 'tooLong', max: PASSWORD_MAX_BYTES, bytes };
  return null;
}

export type PasswordStrength = 'weak' | 'fair' | 'strong';

/** A rough hint shown while typing: length plus variety of character classes. Not a security check. */
export function passwordStrength(password: string): PasswordStrength {
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z\d]/].filter((re) => re.test(password)).length;
  const length = [...password].length;
  if (length >= 12 && classes >= 3) return 'strong';
  if (length >= 8 && classes >= 2) return 'fair';
  return 'weak';
}
