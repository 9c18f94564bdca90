import { createTRPCRouter, protectedProcedure } from '../../trpc';
import { toPublicUser } from '../../users/views';
import { bindPhone, setPasswordBySms } from './phone-service';
import {
  bindPhoneInput,
  changePasswordInput,
  revokeSessionInput,
  setAccountInput,
  setPasswordBySmsInput,
  updateProfileInput,
} from './schemas';
import * as users from './service';

export const userRouter = createTRPCRouter({
  /** The row the access check just read (it refuses deleted and disabled users), so no second query. */
  me: protectedProcedure.meta({ description: 'The signed-in user.' }).query(({ ctx }) => toPublicUser(ctx.viewer.user)),

  updateProfile: protectedProcedure
    .meta({ description: "Changes the signed-in user's display name." })
    .input(updateProfileInput)
    .mutation(async ({ ctx, input }) =>
      toPublicUser(await users.updateProfile(ctx.deps, ctx.auth, input, ctx.request)),
    ),

  changePassword: protectedProcedure
    .meta({ description: 'Changes the password and ends every other session (this one stays signed in).' })
    .input(changePasswordInput)
    .mutation(({ ctx, input }) => users.changePassword(ctx.deps, ctx.auth, input, ctx.request)),

  setPasswordBySms: protectedProcedure
    .meta({
      description:
        "Sets the password with a `reset_password` code sent to the caller's own phone (phone-only accounts).",
    })
    .input(setPasswordBySmsInput)
    .mutation(({ ctx, input }) => setPasswordBySms(ctx.deps, ctx.auth, input, ctx.request)),

  setAccount: protectedProcedure
    .meta({ description: 'Gives an account that has none its account name (once); it then signs in by password.' })
    .input(setAccountInput)
    .mutation(async ({ ctx, input }) => toPublicUser(await users.setAccount(ctx.deps, ctx.auth, input, ctx.request))),

  bindPhone: protectedProcedure
    .meta({ description: 'Binds (or replaces) the phone, confirmed by the password and a `bind_phone` code.' })
    .input(bindPhoneInput)
    .mutation(async ({ ctx, input }) => toPublicUser(await bindPhone(ctx.deps, ctx.auth, input, ctx.request))),

  sessions: protectedProcedure
    .meta({ description: "The signed-in user's sessions (devices), the current one marked." })
    .query(({ ctx }) => users.listSessions(ctx.deps, ctx.auth)),

  revokeSession: protectedProcedure
    .meta({ description: 'Ends one of your own sessions.' })
    .input(revokeSessionInput)
    .mutation(async ({ ctx, input }) => {
      await users.revokeOwnSession(ctx.deps, ctx.auth, input.sessionId, ctx.request);
      return { ok: true as const };
    }),

  revokeOtherSessions: protectedProcedure
    .meta({ description: 'Ends every session of yours except this one.' })
    .mutation(({ ctx }) => users.revokeOtherSessions(ctx.deps, ctx.auth, ctx.request)),
});
