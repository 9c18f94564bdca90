import { z } from 'zod';
import { SMS_CODE_PATTERN } from '@arya/validators/sms-code';

export const smsPurposes = ['register', 'login', 'reset_password', 'bind_phone'] as const;
export const smsPurposeSchema = z
  .enum(smsPurposes)
  .describe('What the code is for; it is accepted only by that action. `bind_phone` needs a signed-in caller.');
export type SmsPurpose = z.infer<typeof smsPurposeSchema>;

/** Raw phone input; `normalisePhone` validates and normalises it (the rules depend on config). */
export const phoneInputSchema = z
  .string()
  .trim()
  .min(1)
  .max(32)
  .describe('Mobile number, e.g. 13800138000 or +8613800138000.');
export const smsCodeSchema = z
  .string()
  .trim()
  .regex(SMS_CODE_PATTERN, 'must be the 6 digits from the SMS')
  .describe('The 6-digit code from the SMS.');

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 hexadecimal digits');

/** An ALTCHA challenge (`sms.challenge`): find `number` ≤ `maxnumber` with SHA-256(salt + number) = challenge. */
export const smsChallengeSchema = z.object({
  algorithm: z.literal('SHA-256').describe('The hash to search with.'),
  challenge: hex64.describe('The SHA-256 (hex) of salt + the number to find.'),
  maxnumber: z.number().int().describe('The number is at most this.'),
  salt: z.string().describe('Prefix of the hashed text; its `expires` parameter is when the challenge lapses.'),
  signature: hex64.describe("The server's HMAC of `challenge`: send it back unchanged."),
});
export type SmsChallenge = z.infer<typeof smsChallengeSchema>;

export const smsProofSchema = z
  .object({
    algorithm: z.literal('SHA-256').describe('As in the challenge.'),
    challenge: hex64.describe('As in the challenge.'),
    number: z.number().int().min(0).max(10_000_000).describe('The number found.'),
    salt: z.string().min(1).max(200).describe('As in the challenge.'),
    signature: hex64.describe('As in the challenge.'),
  })
  .describe(
    'A solved `sms.challenge`, needed once this address has asked for several codes within an hour ' +
      '(`sms.proofRequired`); each challenge is accepted once, before it expires.',
  );
export type SmsProof = z.infer<typeof smsProofSchema>;

export const sendSmsInput = z.object({
  phone: phoneInputSchema,
  purpose: smsPurposeSchema,
  proof: smsProofSchema.optional(),
});

export const sendSmsOutput = z.object({
  sent: z.literal(true),
  resendAfterSeconds: z.number().int(),
  expiresInSeconds: z.number().int(),
});
