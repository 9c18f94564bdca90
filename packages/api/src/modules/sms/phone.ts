import { parsePhone } from '@arya/validators/phone';
import { AppError } from '../../errors';

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
  const phone = parsePhone(raw);
  if (phone.kind === 'mainland')
    return { e164: `+86${phone.national}`, providerNumber: phone.national, mainland: true };
  if (phone.kind === 'international') {
    if (!options.allowInternational) throw new AppError('BAD_REQUEST', 'sms.internationalNotSupported');
    return { e164: `+${phone.digits}`, providerNumber: phone.digits, mainland: false };
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
