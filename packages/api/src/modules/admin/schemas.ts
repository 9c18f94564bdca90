import { z } from 'zod';
import { USER_ROLES, USER_STATUSES } from '@arya/validators/enums';
import { newAccountSchema, usernameSchema } from '../auth/schemas';
import { phoneInputSchema } from '../sms/schemas';

const pageLimit = z.number().int().min(1).max(100).default(20).describe('Items per page (1–100).');
const userId = z.uuid().describe("The user's id.");

export const listUsersInput = z.object({
  query: z.string().trim().max(100).optional().describe('Matches account, username or phone (substring, any case).'),
  status: z
    .enum(USER_STATUSES)
    .optional()
    .describe('Only users in this state; without it, every user that is not deleted.'),
  cursor: z.string().max(200).optional().describe('`nextCursor` of the previous page; omit for the first page.'),
  limit: pageLimit,
});

export const userIdInput = z.object({ userId });

export const setDisabledInput = z.object({
  userId,
  disabled: z.boolean().describe('true disables the account and ends its sessions; false enables it again.'),
});

const roleSchema = z.enum(USER_ROLES);

export const setRoleInput = z.object({ userId, role: roleSchema.describe('The new role.') });

/** An account name, a phone, or both (checked in the service, with a message saying so). */
export const createUserInput = z.object({
  account: newAccountSchema.optional().describe('Account name to sign in with (3–64 letters, digits or . _ @ + -).'),
  username: usernameSchema.optional().describe('Display name.'),
  phone: phoneInputSchema.optional().describe('Mobile number; the user can then sign in and set a password by SMS.'),
  role: roleSchema.default('user').describe('Role of the new account (default user).'),
});

export const auditLogInput = z.object({
  userId: z.uuid().optional().describe('Only entries about or by this user; without it, every entry.'),
  cursor: z
    .string()
    .regex(/^\d{1,19}$/, 'not a page cursor')
    .optional()
    .describe('`nextCursor` of the previous page; omit for the first page.'),
  limit: pageLimit,
});

export const statsInput = z.object({
  since: z.iso
    .datetime({ offset: true })
    .describe("Count runs created from this moment on (the UI sends the start of the viewer's local day)."),
});
