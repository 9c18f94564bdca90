import { z } from 'zod';
import { accountNameProblem, normaliseAccount } from '@arya/validators/account-name';
import { displayNameProblem, normaliseDisplayName } from '@arya/validators/display-name';
import { translate } from '../../messages';
import { phoneInputSchema, smsCodeSchema } from '../sms/schemas';

const accountProblemMessages = {
  tooShort: 'Use at least 3 characters (a Chinese, Japanese or Korean character counts as 2).',
  tooLong: 'Use at most 64 characters.',
  badCharacter: 'Use only letters, digits and . _ @ + -',
} as const;

/** Length and characters here; the script mix in the services (its message names the scripts, in both languages). */
export const newAccountSchema = z
  .string()
  .transform(normaliseAccount)
  .superRefine((account, ctx) => {
    const problem = accountNameProblem(account);
    if (problem && problem.kind !== 'mixedScripts') {
      ctx.addIssue({ code: 'custom', message: accountProblemMessages[problem.kind] });
    }
  })
  .describe(
    'A new account name: 3–64 letters, digits or . _ @ + - (compared without case, NFKC); one script, or Latin ' +
      'with Chinese, Japanese or Korean; refused when it looks like an existing one (Unicode TR39).',
  );

/** Sign-in: any name is looked up (an impossible one simply does not exist), so the rules are loose. */
export const accountSchema = z
  .string()
  .min(1)
  .max(254)
  .transform(normaliseAccount)
  .describe('The account name (any case).');

/** Length and commonness are checked in the service (byte-based rules with their own messages). */
export const passwordInputSchema = z.string().min(1).max(1024).describe('The password.');

/** The message key travels with the issue, so the error formatter words it in the caller's language. */
export const usernameSchema = z
  .string()
  .transform(normaliseDisplayName)
  .superRefine((name, ctx) => {
    const problem = displayNameProblem(name);
    if (!problem) return;
    const { kind, ...params } = problem;
    ctx.addIssue({
      code: 'custom',
      message: translate(`displayName.${kind}`, params, 'en'),
      params: { messageKey: `displayName.${kind}`, messageParams: params },
    });
  })
  .describe(
    'Display name, 1–64 characters (NFC, runs of spaces become one); no control or invisible characters (bidi ' +
      'overrides, zero-width, private use, unassigned).',
  );

const refreshTokenSchema = z
  .string()
  .min(1)
  .max(256)
  .optional()
  .describe('A refresh token from a `tokenDelivery: "body"` sign-in; without it, the refresh cookie is used.');

export const tokenDeliverySchema = z
  .enum(['cookie', 'body'])
  .default('cookie')
  .describe('"body" also returns the refresh token in the response, for services without a cookie jar');

/**
 * Register with an account and password, with a phone and its `register` code, or with both. Account and password go
 * together; a phone-only account is valid (it signs in by SMS).
 */
export const registerInput = z
  .object({
    account: newAccountSchema.optional(),
    password: passwordInputSchema
      .optional()
      .describe('With `account`: the password to sign in with; its length (in bytes) and commonness are checked.'),
    username: usernameSchema.optional(),
    phone: phoneInputSchema.optional().describe('With `code`: a phone verified by a `register` code.'),
    code: smsCodeSchema.optional().describe('With `phone`: the 6-digit `register` code sent to it.'),
    tokenDelivery: tokenDeliverySchema,
  })
  .superRefine((input, ctx) => {
    const need = (path: 'account' | 'password' | 'phone' | 'code', message: string) =>
      ctx.addIssue({ code: 'custom', path: [path], message });
    if (input.account !== undefined && input.password === undefined)
      need('password', 'A password is needed with an account.');
    if (input.password !== undefined && input.account === undefined)
      need('account', 'An account name is needed with a password.');
    if (input.phone !== undefined && input.code === undefined) need('code', 'Enter the code sent to this phone.');
    if (input.code !== undefined && input.phone === undefined) need('phone', 'Enter the phone the code was sent to.');
    if (input.account === undefined && input.phone === undefined)
      need('account', 'Choose an account name, or register with a phone.');
  });

export const loginWithSmsInput = z.object({
  phone: phoneInputSchema,
  code: smsCodeSchema,
  tokenDelivery: tokenDeliverySchema,
});

export const resetPasswordInput = z.object({
  phone: phoneInputSchema,
  code: smsCodeSchema,
  newPassword: passwordInputSchema.describe('The new password; its length (in bytes) and commonness are checked.'),
});

export const loginInput = z.object({
  account: accountSchema,
  password: passwordInputSchema,
  tokenDelivery: tokenDeliverySchema,
});

export const refreshInput = z
  .object({
    refreshToken: refreshTokenSchema,
    tokenDelivery: z
      .enum(['cookie', 'body'])
      .optional()
      .describe('Where the new refresh token goes; by default where the old one came from ("body" when sent here)'),
  })
  .default({});

export const logoutInput = z.object({ refreshToken: refreshTokenSchema }).default({});

export const setPasswordWithLinkInput = z.object({
  token: z.string().min(1).max(200).describe('The token from the set-password link an admin handed over.'),
  newPassword: passwordInputSchema.describe('The new password; its length (in bytes) and commonness are checked.'),
  tokenDelivery: tokenDeliverySchema,
});
