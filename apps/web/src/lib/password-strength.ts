export type PasswordStrength = 'weak' | 'fair' | 'strong';

/** A rough hint shown while typing: length plus variety of character classes. Not a security check. */
export function passwordStrength(password: string): PasswordStrength {
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z\d]/].filter((re) => re.test(password)).length;
  const length = [...password].length;
  if (length >= 12 && classes >= 3) return 'strong';
  if (length >= 8 && classes >= 2) return 'fair';
  return 'weak';
}
