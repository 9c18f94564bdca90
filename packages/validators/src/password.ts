/** bcrypt reads only the first 72 bytes; longer passwords are refused rather than silently truncated. */
export const PASSWORD_MIN_BYTES = 8;
export const PASSWORD_MAX_BYTES = 72;

const encoder = new TextEncoder();

export function utf8Length(text: string): number {
  return encoder.encode(text).length;
}

export type PasswordLengthProblem =
  | { kind: 'tooShort'; min: number; bytes: number }
  | { kind: 'tooLong'; max: number; bytes: number };

/** The length rule in UTF-8 bytes (a Chinese character is 3). The common-password check stays on the server. */
export function passwordLengthProblem(password: string): PasswordLengthProblem | null {
  const bytes = utf8Length(password);
  if (bytes < PASSWORD_MIN_BYTES) return { kind: 'tooShort', min: PASSWORD_MIN_BYTES, bytes };
  if (bytes > PASSWORD_MAX_BYTES) return { kind: 'tooLong', max: PASSWORD_MAX_BYTES, bytes };
  return null;
}
