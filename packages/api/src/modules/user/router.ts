import { createTRPCRouter, protectedProcedure } from '../../trpc';
import { bindPhone } from './phone-service';
import { bindPhoneInput, changePasswordInput, revokeSessionInput, updateProfileInput } from './schemas';
import * as users from './service';
import { toPublicUser } from './views';

export const userRouter = createTRPCRouter({
  /** The row the access check just read (it refuses deleted and disabled users), so no second query. */
  me: protectedProcedure.query(({ ctx }) => toPublicUser(ctx.viewer.user)),

  updateProfile: protectedProcedure
    .input(updateProfileInput)
    .mutation(async ({ ctx, input }) =>
      toPublicUser(await users.updateProfile(ctx.deps, ctx.auth, input, ctx.request)),
    ),

  changePassword: protectedProcedure
    .input(changePasswordInput)
    .mutation(({ ctx, input }) => users.changePassword(ctx.deps, ctx.auth, input, ctx.request)),

  bindPhone: protectedProcedure
    .input(bindPhoneInput)
    .mutation(async ({ ctx, input }) => toPublicUser(await bindPhone(ctx.deps, ctx.auth, input, ctx.request))),

  sessions: protectedProcedure.query(({ ctx }) => users.listSessions(ctx.deps, ctx.auth)),

  revokeSession: protectedProcedure.input(revokeSessionInput).mutation(async ({ ctx, input }) => {
    await users.revokeOwnSession(ctx.deps, ctx.auth, input.sessionId, ctx.request);
    return { ok: true as const };
  }),

  revokeOtherSessions: protectedProcedure.mutation(({ ctx }) =>
    users.revokeOtherSessions(ctx.deps, ctx.auth, ctx.request),
  ),
});
