import { z } from 'zod';
import { newAccountSchema, passwordInputSchema, usernameSchema } from '../auth/schemas';
import { phoneInputSchema, smsCodeSchema } from '../sms/schemas';

export const updateProfileInput = z.object({
  username: usernameSchema.nullable().describe('The display name (1–64 characters); null clears it.'),
});

export const changePasswordInput = z.object({
  currentPassword: passwordInputSchema.describe('The password in use now.'),
  newPassword: passwordInputSchema.describe('The new password; its length (in bytes) and commonness are checked.'),
});

/** Re-authentication: the current password, and a `bind_phone` code sent to the new phone. */
export const bindPhoneInput = z.object({
  phone: phoneInputSchema.describe('The new phone; a `bind_phone` code was sent to it.'),
  code: smsCodeSchema,
  password: passwordInputSchema.describe('The current password, to confirm it is you.'),
});

export const revokeSessionInput = z.object({
  sessionId: z.uuid().describe('A session id from `user.sessions`.'),
});

/** For a signed-in account without a password: a `reset_password` code sent to its own phone. */
export const setPasswordBySmsInput = z.object({
  code: smsCodeSchema.describe("The 6-digit `reset_password` code sent to the caller's own phone."),
  newPassword: passwordInputSchema.describe('The new password; its length (in bytes) and commonness are checked.'),
});

export const setAccountInput = z.object({ account: newAccountSchema });
