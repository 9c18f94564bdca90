import { z } from 'zod';
import { passwordInputSchema, usernameSchema } from '../auth/schemas';

export const updateProfileInput = z.object({
  /** null clears the display name. */
  username: usernameSchema.nullable(),
});

export const changePasswordInput = z.object({
  currentPassword: passwordInputSchema,
  newPassword: passwordInputSchema,
});

export const revokeSessionInput = z.object({ sessionId: z.uuid() });
