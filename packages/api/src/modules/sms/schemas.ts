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

export const sendSmsInput = z.object({ phone: phoneInputSchema, purpose: smsPurposeSchema });

export const sendSmsOutput = z.object({
  sent: z.literal(true),
  resendAfterSeconds: z.number().int(),
  expiresInSeconds: z.number().int(),
});
