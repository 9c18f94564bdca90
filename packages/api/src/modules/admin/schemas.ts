import { z } from 'zod';

const pageLimit = z.number().int().min(1).max(100).default(20).describe('Items per page (1–100).');
const userId = z.uuid().describe("The user's id.");

export const listUsersInput = z.object({
  query: z.string().trim().max(100).optional().describe('Matches account, username or phone (substring, any case).'),
  status: z
    .enum(['active', 'disabled', 'deleted'])
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

export const setRoleInput = z.object({ userId, role: z.enum(['user', 'admin']).describe('The new role.') });

export const auditLogInput = z.object({
  userId: z.uuid().optional().describe('Only entries about or by this user; without it, every entry.'),
  cursor: z
    .string()
    .regex(/^\d{1,19}$/, 'not a page cursor')
    .optional()
    .describe('`nextCursor` of the previous page; omit for the first page.'),
  limit: pageLimit,
});
