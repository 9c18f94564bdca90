import type { AnyTRPCRouter } from '@trpc/server';
import { fastifyRequestHandler, type FastifyRequestHandlerOptions } from '@trpc/server/adapters/fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { admitUpload, appRouter, createContext, type ApiDeps, type Context } from '@arya/api';
import { answerPlainRpc, planPlainRpc } from './trpc-fast-path';
import { brokenRequestRule, MULTIPART_PROCEDURES, renderRequestError } from './trpc-request-rules';

export interface TrpcPluginOptions {
  deps: ApiDeps;
  /** Most calls in one batch (TRPC_MAX_BATCH; default 10). */
  maxBatch?: number;
  /** Browser origins besides the server's own that may send cookie-carrying state changes (CORS_ORIGINS). */
  allowedOrigins?: readonly string[];
  /** The app router unless given (tests mount small routers built on the API's context). */
  router?: AnyTRPCRouter;
  /** Send every request through tRPC's own handler (the fast path's tests compare the two). */
  disableFastPath?: boolean;
}

/** Room for the multipart framing and the `kind` field around the file. */
const MULTIPART_OVERHEAD_BYTES = 1024 * 1024;

type TrpcRequest = FastifyRequest<{ Params: { path: string } }>;

function searchOf(url: string): string {
  const start = url.indexOf('?');
  return start === -1 ? '' : url.slice(start + 1);
}

function contextFor(deps: ApiDeps, req: FastifyRequest, res: FastifyReply): Context {
  return createContext({
    deps,
    request: { ip: req.ip, userAgent: req.headers['user-agent'] ?? null, headers: req.headers, cookies: req.cookies },
    response: {
      setCookie: (name, value, cookieOptions) => void res.setCookie(name, value, cookieOptions),
      clearCookie: (name, cookieOptions) => void res.clearCookie(name, cookieOptions),
    },
  });
}

function logFailure(req: FastifyRequest, error: { code: string; cause?: unknown }, path: string | undefined): void {
  if (error.code === 'INTERNAL_SERVER_ERROR') req.log.error({ err: error.cause ?? error, path }, 'procedure failed');
}

/**
 * The API router at `/trpc`: batching on, subscriptions over SSE (plain HTTP GET, no WebSocket server). Plain JSON
 * queries and mutations take the fast path (trpc-fast-path.ts); everything else goes through tRPC's Fastify handler.
 */
export const trpcPlugin = fp<TrpcPluginOptions>(
  async (
    app: FastifyInstance,
    { deps, maxBatch = 10, allowedOrigins = [], router = appRouter, disableFastPath = false },
  ) => {
    const trpcOptions = (
      req: TrpcRequest,
      res: FastifyReply,
    ): FastifyRequestHandlerOptions<AnyTRPCRouter, typeof req, typeof res> => ({
      req,
      res,
      path: req.params.path,
      router,
      allowBatching: true,
      maxBatchSize: maxBatch,
      // Multipart bodies (bom.files.upload) are streamed by tRPC, not Fastify: stop reading well past the upload limit.
      // Between the two the upload procedure answers with the file's size and the limit.
      maxBodySize: deps.config.UPLOAD_MAX_BYTES + MULTIPART_OVERHEAD_BYTES,
      createContext: () => contextFor(deps, req, res),
      onError: ({ error, path }) => logFailure(req, error, path),
    });

    const handle = async (req: TrpcRequest, res: FastifyReply) => {
      const search = searchOf(req.url);
      const broken = brokenRequestRule(
        {
          method: req.method,
          path: req.params.path,
          isBatch: new URLSearchParams(search).get('batch') === '1',
          headers: req.headers,
          host: req.host,
        },
        { maxBatch, allowedOrigins },
      );
      if (broken) {
        const answer = renderRequestError(router, contextFor(deps, req, res), broken);
        return res.code(answer.status).headers(answer.headers).send(Buffer.from(answer.body));
      }
      // An upload is admitted (signed in, under the per-user cap) before tRPC's adapter reads its body into memory.
      if (req.method === 'POST' && MULTIPART_PROCEDURES.has(req.params.path)) {
        const admission = await admitUpload(deps, { headers: req.headers });
        if (!admission.admitted) {
          // The body is discarded as it arrives (never held), and the connection stays open until the client has sent
          // it: closing a socket with unread data resets it, and the client may lose the answer.
          req.raw.resume();
          const answer = renderRequestError(router, contextFor(deps, req, res), admission.error);
          return res.code(answer.status).headers(answer.headers).send(Buffer.from(answer.body));
        }
        // The client may have gone while it was being admitted: 'close' was then emitted already and would never
        // give the slot back.
        if (req.raw.socket.destroyed) {
          admission.release();
          return res;
        }
        res.raw.once('close', admission.release);
      }
      const plan = disableFastPath
        ? null
        : planPlainRpc(router, {
            method: req.method,
            headers: req.headers,
            path: req.params.path,
            search,
            body: req.body,
          });
      if (!plan) return fastifyRequestHandler(trpcOptions(req, res));
      const answer = await answerPlainRpc(plan, {
        router,
        ctx: contextFor(deps, req, res),
        onError: ({ error, path }) => logFailure(req, error, path),
      });
      // A Buffer, so Fastify sends the body and content type exactly as tRPC set them (a string would gain ";
      // charset=utf-8").
      return res.code(answer.status).headers(answer.headers).send(Buffer.from(answer.body));
    };

    // Parsers in a scope of their own, so the rest of the app keeps Fastify's JSON parsing: tRPC reads bodies itself.
    await app.register(
      async (scope) => {
        scope.removeContentTypeParser('application/json');
        scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) =>
          done(null, body),
        );
        scope.removeContentTypeParser('multipart/form-data');
        scope.addContentTypeParser('multipart/form-data', {}, (_request, body, done) => done(null, body));

        // Fastify, not Express: it awaits handlers and routes their errors.
        // oxlint-disable-next-line no-async-endpoint-handlers
        scope.all('/:path', handle);
      },
      { prefix: '/trpc' },
    );
  },
  { name: 'arya-trpc', dependencies: ['arya-security'] },
);
