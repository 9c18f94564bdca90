import type { SmsPurpose } from './schemas';

/** Redis keys of the sms module (the deps' Redis adds its prefix) and the numbers that govern them. */
export const smsKeys = {
  /** Hash {mac, expiresAt, attempts} of the one live code for this phone and purpose. */
  code: (purpose: SmsPurpose, phone: string) => `sms:code:${purpose}:${phone}`,
  /** Sliding-window log of accepted sends to one phone (all purposes). */
  phoneSends: (phone: string) => `sms:sends:phone:${phone}`,
  /** Sliding-window log of send attempts from one client address. */
  ipSends: (ip: string) => `sms:sends:ip:${ip}`,
};

export const SMS_CODE_TTL_SECONDS = 5 * 60;
export const SMS_CODE_MAX_ATTEMPTS = 5;

export const SMS_SEND_LIMITS = {
  phonePerMinute: 1,
  phonePerHour: 5,
  phonePerDay: 10,
  ipPerHour: 20,
} as const;
