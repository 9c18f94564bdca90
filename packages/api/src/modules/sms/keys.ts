import { addressBucket } from '../../lib/address-bucket';
import type { SmsPurpose } from './schemas';

/** Redis keys of the sms module (the deps' Redis adds its prefix) and the numbers that govern them. */
export const smsKeys = {
  /** Hash {mac, expiresAt, attempts} of the one live code for this phone and purpose. */
  code: (purpose: SmsPurpose, phone: string) => `sms:code:${purpose}:${phone}`,
  /** Sliding-window log of accepted sends to one phone (all purposes). */
  phoneSends: (phone: string) => `sms:sends:phone:${phone}`,
  /** Sliding-window log of send attempts from one client address (an IPv6 /64 is one client). */
  ipSends: (ip: string) => `sms:sends:ip:${addressBucket(ip)}`,
  /** Counter of sends in one window of the global budget (`hour:2026-11-30T09`, `day:2026-11-30`). */
  budget: (window: string) => `sms:budget:${window}`,
  /** Set once the budget of that window refused a send: the audit entry is written once per window. */
  budgetAudited: (window: string) => `sms:budget-audited:${window}`,
  /** A proof-of-work challenge already used (single use until it expires). */
  proofUsed: (challenge: string) => `sms:proof-used:${challenge}`,
};

/** How long a proof-of-work challenge may be solved and used. */
export const SMS_CHALLENGE_TTL_SECONDS = 5 * 60;

export const SMS_CODE_TTL_SECONDS = 5 * 60;
export const SMS_CODE_MAX_ATTEMPTS = 5;

export const SMS_SEND_LIMITS = {
  phonePerMinute: 1,
  phonePerHour: 5,
  phonePerDay: 10,
  ipPerHour: 20,
} as const;
