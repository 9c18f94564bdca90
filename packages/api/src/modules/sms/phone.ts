import { AppError } from '../../errors';

/** Mainland mobile: 11 digits 13–19…, written bare or after +86, 0086 or 86; separators (space, -) are ignored. */
const MAINLAND = /^(?:\+?86|0086)?(1[3-9]\d{9})$/;
/** Any other number in international form: + or 00, then country code and number (E.164: at most 15 digits). */
const INTERNATIONAL = /^(?:\+|00)([1-9]\d{6,14})$/;

export interface NormalisedPhone {
  /** E.164, the form stored in `users.phone` and used in Redis keys: `+8613800138000`. */
  e164: string;
  /** What Dysmsapi's PhoneNumbers takes: 11 digits for mainland, country code + number otherwise. */
  providerNumber: string;
  mainland: boolean;
}

/**
 * Validates and normalises a phone number. Mainland mobiles are always accepted; other numbers only when international
 * sending is enabled; everything else is refused with a message saying what is accepted.
 */
export function normalisePhone(raw: string, options: { allowInternational: boolean }): NormalisedPhone {
  const compact = raw.trim().replaceAll(/[\s\-()]/g, '');
  const mainland = MAINLAND.exec(compact);
  if (mainland?.[1]) return { e164: `+86${mainland[1]}`, providerNumber: mainland[1], mainland: true };
  const international = INTERNATIONAL.exec(compact);
  if (international?.[1] && !international[1].startsWith('86')) {
    if (!options.allowInternational) throw new AppError('BAD_REQUEST', 'sms.internationalNotSupported');
    return { e164: `+${international[1]}`, providerNumber: international[1], mainland: false };
  }
  throw new AppError('BAD_REQUEST', 'sms.phoneInvalid');
}

/** For logs and audit rows: country code, first three and last four digits (`+86 138****8000`). */
export function maskPhone(e164: string): string {
  const mainland = /^\+86(\d{3})\d{4}(\d{4})$/.exec(e164);
  if (mainland) return `+86 ${mainland[1]}****${mainland[2]}`;
  const digits = e164.replace(/^\+/, '');
  return `+${digits.slice(0, 3)}${'*'.repeat(Math.max(digits.length - 7, 0))}${digits.slice(-4)}`;
}
