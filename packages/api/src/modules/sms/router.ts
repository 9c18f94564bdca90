import { createTRPCRouter, publicProcedure } from '../../trpc';
import { authenticate } from '../auth/access';
import { assertRegistrationOpen } from '../auth/registration-mode';
import { createSmsChallenge } from './proof-of-work';
import { sendSmsInput, sendSmsOutput, smsChallengeSchema } from './schemas';
import { sendSmsCode } from './service';

export const smsRouter = createTRPCRouter({
  send: publicProcedure
    .meta({
      description:
        'Sends a 6-digit code by SMS for one purpose; limited per phone, per address and by a global budget. ' +
        'After a few codes from one address within an hour it needs `proof` (a solved `sms.challenge`).',
    })
    .input(sendSmsInput)
    .output(sendSmsOutput)
    .mutation(async ({ ctx, input }) => {
      // Binding a phone is for signed-in users only, so anonymous callers cannot use that purpose to send messages.
      if (input.purpose === 'bind_phone') await authenticate(ctx.deps, ctx.request);
      if (input.purpose === 'register') assertRegistrationOpen(ctx.deps.config);
      return sendSmsCode(ctx.deps, { ...input, ip: ctx.request.ip, userAgent: ctx.request.userAgent });
    }),
  challenge: publicProcedure
    .meta({
      description:
        'A proof-of-work challenge (ALTCHA, SHA-256) for `sms.send`, which asks for a solved one (`proof`) once an ' +
        'address has sent several codes within an hour. ' +
        'Find number ≤ maxnumber with SHA-256(salt + number) = challenge.',
    })
    .output(smsChallengeSchema)
    .mutation(({ ctx }) => createSmsChallenge(ctx.deps)),
});
