import { z } from 'zod';

const pageLimit = z.number().int().min(1).max(100).default(20);

export const listUsersInput = z.object({
  /** Matches account, username or phone (substring, case-insensitive). */
  query: z.string().trim().max(100).optional(),
  /** Without it: every user that is not deleted. */
  status: z.enum(['active', 'disabled', 'deleted']).optional(),
  cursor: z.string().max(200).optional(),
  limit: pageLimit,
});

export const userIdInput = z.object({ userId: z.uuid() });

export const setDisabledInput = z.object({ userId: z.uuid(), disabled: z.boolean() });

export const setRoleInput = z.object({ userId: z.uuid(), role: z.enum(['user', 'admin']) });

export const auditLogInput = z.object({
  userId: z.uuid().optional(),
  cursor: z
    .string()
    .regex(/^\d{1,19}$/, 'not a page cursor')
    .optional(),
  limit: pageLimit,
});
