import { bearerToken, type Context } from '../../context';
import { AppError } from '../../errors';
import { createTRPCRouter, publicProcedure } from '../../trpc';
import { isSessionRevoked } from '../auth/revocation';
import { sendSmsInput, sendSmsOutput } from './schemas';
import { sendSmsCode } from './service';

/** Binding a phone is for signed-in users only, so anonymous callers cannot use that purpose to send messages. */
async function requireSignedIn(ctx: Context): Promise<void> {
  const token = bearerToken(ctx.request);
  if (!token) throw new AppError('UNAUTHORIZED', 'auth.missingAccessToken');
  const claims = await ctx.deps.tokens.verifyAccessToken(token);
  if (await isSessionRevoked(ctx.deps.redis, claims.sessionId))
    throw new AppError('UNAUTHORIZED', 'auth.sessionRevoked');
}

export const smsRouter = createTRPCRouter({
  send: publicProcedure
    .input(sendSmsInput)
    .output(sendSmsOutput)
    .mutation(async ({ ctx, input }) => {
      if (input.purpose === 'bind_phone') await requireSignedIn(ctx);
      return sendSmsCode(ctx.deps, { ...input, ip: ctx.request.ip });
    }),
});
