import { z } from 'zod';

export const smsPurposes = ['register', 'login', 'reset_password', 'bind_phone'] as const;
export const smsPurposeSchema = z.enum(smsPurposes);
export type SmsPurpose = z.infer<typeof smsPurposeSchema>;

/** Raw phone input; `normalisePhone` validates and normalises it (the rules depend on config). */
export const phoneInputSchema = z.string().trim().min(1).max(32);
export const smsCodeSchema = z
  .string()
  .trim()
  .regex(/^\d{6}$/, 'must be the 6 digits from the SMS');

export const sendSmsInput = z.object({ phone: phoneInputSchema, purpose: smsPurposeSchema });

export const sendSmsOutput = z.object({
  sent: z.literal(true),
  resendAfterSeconds: z.number().int(),
  expiresInSeconds: z.number().int(),
});
