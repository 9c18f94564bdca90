import { appRouter, createContext, type ApiDeps } from '@arya/api';
import type { AnyTRPCRouter } from '@trpc/server';
import { fastifyTRPCPlugin, type FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export interface TrpcPluginOptions {
  deps: ApiDeps;
  /** The app router unless given (tests mount small routers built on the API's context). */
  router?: AnyTRPCRouter;
}

/** Room for the multipart framing and the `kind` field around the file. */
const MULTIPART_OVERHEAD_BYTES = 1024 * 1024;

/** The API router at `/trpc`: batching on, subscriptions over SSE (plain HTTP GET, no WebSocket server). */
export const trpcPlugin = fp<TrpcPluginOptions>(
  async (app: FastifyInstance, { deps, router = appRouter }) => {
    const options: FastifyTRPCPluginOptions<AnyTRPCRouter> = {
      prefix: '/trpc',
      trpcOptions: {
        router,
        allowBatching: true,
        // Multipart bodies (bom.files.upload) are streamed by tRPC, not Fastify: stop reading well past the upload limit.
        // Between the two the upload procedure answers with the file's size and the limit.
        maxBodySize: deps.config.UPLOAD_MAX_BYTES + MULTIPART_OVERHEAD_BYTES,
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
