import { z } from 'zod';

/** Account names compare case-insensitively and by Unicode compatibility form. */
export function normaliseAccount(account: string): string {
  return account.trim().normalize('NFKC').toLowerCase();
}

/** Register: 3–64 letters, digits or `. _ @ + -`. */
export const newAccountSchema = z
  .string()
  .transform(normaliseAccount)
  .pipe(
    z
      .string()
      .min(3, 'Use at least 3 characters.')
      .max(64, 'Use at most 64 characters.')
      .regex(/^[\p{L}\p{N}._@+-]+$/u, 'Use only letters, digits and . _ @ + -'),
  );

/** Sign-in: any name is looked up (an impossible one simply does not exist), so the rules are loose. */
export const accountSchema = z.string().min(1).max(254).transform(normaliseAccount);

/** Length and commonness are checked in the service (byte-based rules with their own messages). */
export const passwordInputSchema = z.string().min(1).max(1024);

export const usernameSchema = z.string().trim().min(1).max(64);

export const tokenDeliverySchema = z
  .enum(['cookie', 'body'])
  .default('cookie')
  .describe('"body" also returns the refresh token in the response, for services without a cookie jar');

export const registerInput = z.object({
  account: newAccountSchema,
  password: passwordInputSchema,
  username: usernameSchema.optional(),
  tokenDelivery: tokenDeliverySchema,
});

export const loginInput = z.object({
  account: accountSchema,
  password: passwordInputSchema,
  tokenDelivery: tokenDeliverySchema,
});

export const refreshInput = z
  .object({
    refreshToken: z.string().min(1).max(256).optional(),
    tokenDelivery: tokenDeliverySchema,
  })
  .default({ tokenDelivery: 'cookie' });

export const logoutInput = z
  .object({ refreshToken: z.string().min(1).max(256).optional() })
  .default({});
