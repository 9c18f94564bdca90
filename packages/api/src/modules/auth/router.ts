import type { Context } from '../../context';
import { bearerToken } from '../../context';
import { AppError } from '../../errors';
import { createTRPCRouter, publicProcedure } from '../../trpc';
import { toPublicUser } from '../../users/views';
import { clearRefreshCookie, refreshTokenFromCookie, setRefreshCookie } from './cookies';
import { loginWithSms, registerWithPhone, resetPassword } from './phone-service';
import { registrationMode } from './registration-mode';
import {
  loginInput,
  loginWithSmsInput,
  logoutInput,
  refreshInput,
  registerInput,
  resetPasswordInput,
  setPasswordWithLinkInput,
} from './schemas';
import * as auth from './service';
import { setPasswordWithLink } from './setup-link-service';
import type { SignedIn } from './sign-in';

/** Sets the cookie and shapes the response; the refresh token is in the body only when asked for. */
function deliver(ctx: Context, signedIn: SignedIn, tokenDelivery: 'cookie' | 'body') {
  setRefreshCookie(ctx, signedIn.session.refreshToken);
  return {
    accessToken: signedIn.accessToken,
    accessTokenExpiresAt: signedIn.accessTokenExpiresAt.toISOString(),
    user: toPublicUser(signedIn.user),
    ...(tokenDelivery === 'body' ? { refreshToken: signedIn.session.refreshToken } : {}),
  };
}

export const authRouter = createTRPCRouter({
  registrationMode: publicProcedure
    .meta({
      description: 'Whether anyone may sign up (`open`) or only admins create accounts (`closed`): REGISTRATION_MODE.',
    })
    .query(({ ctx }) => ({ mode: registrationMode(ctx.deps.config) })),

  register: publicProcedure
    .meta({
      description: 'Creates an account (account + password, a phone + its `register` code, or both) and signs it in.',
    })
    .input(registerInput)
    .mutation(async ({ ctx, input }) => {
      const { account, password, username, phone, code } = input;
      let signedIn: SignedIn;
      if (phone !== undefined && code !== undefined) {
        signedIn = await registerWithPhone(ctx.deps, { phone, code, account, password, username }, ctx.request);
      } else if (account !== undefined && password !== undefined) {
        signedIn = await auth.register(ctx.deps, { account, password, username }, ctx.request);
      } else {
        throw new AppError('BAD_REQUEST', 'error.validation'); // unreachable: registerInput requires one of the two
      }
      return deliver(ctx, signedIn, input.tokenDelivery);
    }),

  loginWithSms: publicProcedure
    .meta({ description: 'Signs in with a phone and the code sent to it for `login`.' })
    .input(loginWithSmsInput)
    .mutation(async ({ ctx, input }) => {
      const signedIn = await loginWithSms(ctx.deps, input, ctx.request);
      return deliver(ctx, signedIn, input.tokenDelivery);
    }),

  resetPassword: publicProcedure
    .meta({ description: 'Sets a new password with a `reset_password` code and ends every session of that user.' })
    .input(resetPasswordInput)
    .mutation(({ ctx, input }) => resetPassword(ctx.deps, input, ctx.request)),

  setPasswordWithLink: publicProcedure
    .meta({ description: "Redeems an admin's one-time set-password link: sets the password and signs the user in." })
    .input(setPasswordWithLinkInput)
    .mutation(async ({ ctx, input }) => {
      const signedIn = await setPasswordWithLink(ctx.deps, input, ctx.request);
      return deliver(ctx, signedIn, input.tokenDelivery);
    }),

  login: publicProcedure
    .meta({ description: 'Signs in with account and password: an access token, and a refresh token (cookie or body).' })
    .input(loginInput)
    .mutation(async ({ ctx, input }) => {
      const signedIn = await auth.login(ctx.deps, input, ctx.request);
      return deliver(ctx, signedIn, input.tokenDelivery);
    }),

  refresh: publicProcedure
    .meta({ description: 'Trades the refresh token (cookie or body) for a new access token and refresh token.' })
    .input(refreshInput)
    .mutation(async ({ ctx, input }) => {
      const refreshToken = input.refreshToken ?? refreshTokenFromCookie(ctx);
      if (!refreshToken) throw new AppError('UNAUTHORIZED', 'auth.missingRefreshToken');
      // A service that sent its token in the body keeps it there: a cookie it cannot read would lose the new one.
      const tokenDelivery = input.tokenDelivery ?? (input.refreshToken === undefined ? 'cookie' : 'body');
      try {
        const signedIn = await auth.refresh(ctx.deps, refreshToken, ctx.request);
        return deliver(ctx, signedIn, tokenDelivery);
      } catch (error) {
        if (error instanceof AppError && error.code === 'UNAUTHORIZED') clearRefreshCookie(ctx);
        throw error;
      }
    }),

  logout: publicProcedure
    .meta({ description: "Ends the caller's session (found from the access token, else the refresh token)." })
    .input(logoutInput)
    .mutation(async ({ ctx, input }) => {
      const result = await auth.logout(
        ctx.deps,
        { accessToken: bearerToken(ctx.request), refreshToken: input.refreshToken ?? refreshTokenFromCookie(ctx) },
        ctx.request,
      );
      clearRefreshCookie(ctx);
      return result;
    }),
});
