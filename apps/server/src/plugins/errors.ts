import type { FastifyError, FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

export interface ErrorsOptions {
  /** In production 5xx answers carry no message or stack, only the request id to find the log line. */
  production: boolean;
}

/**
 * JSON errors for every route outside tRPC (tRPC formats its own). Client errors keep Fastify's message,
 * which never holds internals; server errors are logged in full and answered generically in production.
 */
export const errorsPlugin = fp<ErrorsOptions>(
  async (app: FastifyInstance, { production }) => {
    app.setErrorHandler((error: FastifyError, request, reply) => {
      const statusCode = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
      if (statusCode >= 500) request.log.error({ err: error }, 'request failed');
      else request.log.info({ err: { message: error.message, code: error.code } }, 'request rejected');
      const exposeDetails = statusCode < 500 || !production;
      return reply.code(statusCode).send({
        error: {
          statusCode,
          code: exposeDetails ? error.code : undefined,
          message: exposeDetails ? error.message : 'Internal Server Error',
          requestId: request.id,
          stack: production ? undefined : error.stack,
        },
      });
    });

    app.setNotFoundHandler((request, reply) =>
      reply.code(404).send({
        error: {
          statusCode: 404,
          message: `No route for ${request.method} ${request.url.split('?')[0]}`,
          requestId: request.id,
        },
      }),
    );
  },
  { name: 'arya-errors' },
);
