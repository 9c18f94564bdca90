import { createTRPCRouter, publicProcedure } from '../../trpc';
import { authenticate } from '../auth/access';
import { assertRegistrationOpen } from '../auth/registration-mode';
import { sendSmsInput, sendSmsOutput } from './schemas';
import { sendSmsCode } from './service';

export const smsRouter = createTRPCRouter({
  send: publicProcedure
    .meta({ description: 'Sends a 6-digit code by SMS for one purpose; limited per phone and per address.' })
    .input(sendSmsInput)
    .output(sendSmsOutput)
    .mutation(async ({ ctx, input }) => {
      // Binding a phone is for signed-in users only, so anonymous callers cannot use that purpose to send messages.
      if (input.purpose === 'bind_phone') await authenticate(ctx.deps, ctx.request);
      if (input.purpose === 'register') assertRegistrationOpen(ctx.deps.config);
      return sendSmsCode(ctx.deps, { ...input, ip: ctx.request.ip });
    }),
});
