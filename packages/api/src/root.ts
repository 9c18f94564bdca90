import { adminRouter } from './modules/admin/router';
import { authRouter } from './modules/auth/router';
import { userRouter } from './modules/user/router';
import { createTRPCRouter } from './trpc';

export const appRouter = createTRPCRouter({
  auth: authRouter,
  user: userRouter,
  admin: adminRouter,
});

export type AppRouter = typeof appRouter;
