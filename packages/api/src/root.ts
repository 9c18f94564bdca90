import { adminRouter } from './modules/admin/router';
import { authRouter } from './modules/auth/router';
import { bomRouter } from './modules/bom/router';
import { smsRouter } from './modules/sms/router';
import { userRouter } from './modules/user/router';
import { createTRPCRouter } from './trpc';

export const appRouter = createTRPCRouter({
  auth: authRouter,
  user: userRouter,
  admin: adminRouter,
  sms: smsRouter,
  bom: bomRouter,
});

export type AppRouter = typeof appRouter;
