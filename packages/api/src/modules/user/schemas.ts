import { z } from 'zod';
import { passwordInputSchema, usernameSchema } from '../auth/schemas';
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
