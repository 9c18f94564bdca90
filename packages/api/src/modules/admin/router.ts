import { adminProcedure, createTRPCRouter } from '../../trpc';
import { toAdminUser } from '../../users/views';
import { createUser, issueUserSetupLink } from './accounts';
import {
  auditLogInput,
  createUserInput,
  listUsersInput,
  setDisabledInput,
  setRoleInput,
  statsInput,
  userIdInput,
} from './schemas';
import * as admin from './service';
import { dashboardStats } from './stats';

const usersRouter = createTRPCRouter({
  list: adminProcedure
    .meta({ description: 'Admins: a page of users, newest first, filtered by text and state.' })
    .input(listUsersInput)
    .query(({ ctx, input }) => admin.listUsersPage(ctx.deps, input)),

  create: adminProcedure
    .meta({
      description:
        'Admins: creates an account without a password (account, phone or both); returns a one-time set-password ' +
        'link token.',
    })
    .input(createUserInput)
    .mutation(async ({ ctx, input }) => {
      const created = await createUser(ctx.deps, ctx.auth, input, ctx.request);
      return { user: toAdminUser(created.user), setupLink: created.setupLink };
    }),

  issueSetupLink: adminProcedure
    .meta({
      description: "Admins: a new one-time set-password link for a user; the user's previous link stops working.",
    })
    .input(userIdInput)
    .mutation(({ ctx, input }) => issueUserSetupLink(ctx.deps, ctx.auth, input.userId, ctx.request)),

  get: adminProcedure
    .meta({ description: 'Admins: one user with their live sessions.' })
    .input(userIdInput)
    .query(({ ctx, input }) => admin.getUserDetail(ctx.deps, input.userId)),

  setDisabled: adminProcedure
    .meta({ description: 'Admins: disables (ending every session at once) or enables a user.' })
    .input(setDisabledInput)
    .mutation(async ({ ctx, input }) =>
      toAdminUser(await admin.setUserDisabled(ctx.deps, ctx.auth, input, ctx.request)),
    ),

  setRole: adminProcedure
    .meta({ description: 'Admins: makes a user an admin or a plain user.' })
    .input(setRoleInput)
    .mutation(async ({ ctx, input }) => toAdminUser(await admin.setUserRole(ctx.deps, ctx.auth, input, ctx.request))),

  revokeSessions: adminProcedure
    .meta({ description: 'Admins: ends every session of a user; their access tokens stop working at once.' })
    .input(userIdInput)
    .mutation(({ ctx, input }) => admin.revokeUserSessions(ctx.deps, ctx.auth, input.userId, ctx.request)),

  auditLog: adminProcedure
    .meta({ description: 'Admins: a page of the audit log, newest first, optionally about one user.' })
    .input(auditLogInput)
    .query(({ ctx, input }) => admin.auditLogPage(ctx.deps, input)),
});

export const adminRouter = createTRPCRouter({
  users: usersRouter,

  stats: adminProcedure
    .meta({
      description: 'Admins: how many accounts exist (not deleted) and how many BOM runs were created since a time.',
    })
    .input(statsInput)
    .query(({ ctx, input }) => dashboardStats(ctx.deps, new Date(input.since))),
});
