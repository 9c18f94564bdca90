import { adminProcedure, createTRPCRouter } from '../../trpc';
import { toAdminUser } from '../user/views';
import { auditLogInput, listUsersInput, setDisabledInput, setRoleInput, userIdInput } from './schemas';
import * as admin from './service';

const usersRouter = createTRPCRouter({
  list: adminProcedure.input(listUsersInput).query(({ ctx, input }) => admin.listUsersPage(ctx.deps, input)),

  get: adminProcedure.input(userIdInput).query(({ ctx, input }) => admin.getUserDetail(ctx.deps, input.userId)),

  setDisabled: adminProcedure
    .input(setDisabledInput)
    .mutation(async ({ ctx, input }) =>
      toAdminUser(await admin.setUserDisabled(ctx.deps, ctx.auth, input, ctx.request)),
    ),

  setRole: adminProcedure
    .input(setRoleInput)
    .mutation(async ({ ctx, input }) => toAdminUser(await admin.setUserRole(ctx.deps, ctx.auth, input, ctx.request))),

  revokeSessions: adminProcedure
    .input(userIdInput)
    .mutation(({ ctx, input }) => admin.revokeUserSessions(ctx.deps, ctx.auth, input.userId, ctx.request)),

  auditLog: adminProcedure.input(auditLogInput).query(({ ctx, input }) => admin.auditLogPage(ctx.deps, input)),
});

export const adminRouter = createTRPCRouter({ users: usersRouter });
