import { z } from 'zod';
import { passwordInputSchema, usernameSchema } from '../auth/schemas';
import { phoneInputSchema, smsCodeSchema } from '../sms/schemas';

export const updateProfileInput = z.object({
  /** null clears the display name. */
  username: usernameSchema.nullable(),
});

export const changePasswordInput = z.object({
  currentPassword: passwordInputSchema,
  newPassword: passwordInputSchema,
});

/** Re-authentication: the current password, and a `bind_phone` code sent to the new phone. */
export const bindPhoneInput = z.object({ phone: phoneInputSchema, code: smsCodeSchema, password: passwordInputSchema });

export const revokeSessionInput = z.object({ sessionId: z.uuid() });
