import { appRouter, createContext, type ApiDeps } from '@arya/api';
import { fastifyTRPCPlugin, type FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

type AppRouter = typeof appRouter;

/** The API router at `/trpc`: batching on, subscriptions over SSE (plain HTTP GET, no WebSocket server). */
export const trpcPlugin = fp<{ deps: ApiDeps }>(
  async (app: FastifyInstance, { deps }) => {
    const options: FastifyTRPCPluginOptions<AppRouter> = {
      prefix: '/trpc',
      trpcOptions: {
        router: appRouter,
        allowBatching: true,
        createContext: ({ req, res }) =>
          createContext({
            deps,
            request: {
              ip: req.ip,
              userAgent: req.headers['user-agent'] ?? null,
              headers: req.headers,
              cookies: req.cookies,
            },
            response: {
              setCookie: (name, value, cookieOptions) => void res.setCookie(name, value, cookieOptions),
              clearCookie: (name, cookieOptions) => void res.clearCookie(name, cookieOptions),
            },
          }),
        onError: ({ error, path, req }) => {
          if (error.code === 'INTERNAL_SERVER_ERROR') req.log.error({ err: error.cause ?? error, path }, 'procedure failed');
        },
      },
    };
    await app.register(fastifyTRPCPlugin, options);
  },
  { name: 'arya-trpc', dependencies: ['arya-security'] },
);
