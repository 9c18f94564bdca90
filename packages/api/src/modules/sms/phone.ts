import { parsePhone } from '@arya/validators/phone';
import { AppError } from '../../errors';

// Logs and audit rows mask a number as the web shows a user's own: one function for both.
export { maskPhone } from '@arya/validators/phone';

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
