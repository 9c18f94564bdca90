/** Mainland mobile: 11 digits 13–19…, written bare or after +86, 0086 or 86. */
const MAINLAND = /^(?:\+?86|0086)?(1[3-9]\d{9})$/;
/** Any other number in international form: + or 00, then country code and number (E.164: at most 15 digits). */
const INTERNATIONAL = /^(?:\+|00)([1-9]\d{6,14})$/;

export type ParsedPhone =
  | { kind: 'mainland'; national: string }
  | { kind: 'international'; digits: string }
  | { kind: 'invalid' };

/** Reads a phone number as typed: separators (space, -, brackets) are ignored. */
export function parsePhone(raw: string): ParsedPhone {
  const compact = raw.trim().replaceAll(/[\s\-()]/g, '');
  const mainland = MAINLAND.exec(compact)?.[1];
  if (mainland) return { kind: 'mainland', national: mainland };
  const international = INTERNATIONAL.exec(compact)?.[1];
  if (international && !international.startsWith('86')) return { kind: 'international', digits: international };
  return { kind: 'invalid' };
}

/**
 * Whether a form should refuse the number before asking the server. International numbers pass: the server accepts
 * them when international sending is enabled and otherwise says why not.
 */
export function phoneInputProblem(raw: string): 'invalid' | null {
  return parsePhone(raw).kind === 'invalid' ? 'invalid' : null;
}

/** For logs, audit rows and screens: country code, first three and last four digits (`+86 138****8000`). */
export function maskPhone(e164: string): string {
  const mainland = /^\+86(\d{3})\d{4}(\d{4})$/.exec(e164);
  if (mainland) return `+86 ${mainland[1]}****${mainland[2]}`;
  const digits = e164.replace(/^\+/, '');
  return `+${digits.slice(0, 3)}${'*'.repeat(Math.max(digits.length - 7, 0))}${digits.slice(-4)}`;
}
