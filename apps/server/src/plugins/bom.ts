import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import {
  AppError,
  contentDisposition,
  openDownload,
  startBomRunner,
  translate,
  localeFromAcceptLanguage,
  type ApiDeps,
  type BomRunner,
  type Download,
} from '@arya/api';

declare module 'fastify' {
  interface FastifyInstance {
    /** This process's BOM runner (claims queued runs, executes them in the worker pool). */
    bomRunner: BomRunner;
  }
}

/**
 * The BOM runner's lifecycle, and `GET /files/:ticket`: downloads through short-lived links issued by
 * `bom.runs.downloadUrl` / `bom.files.downloadUrl`. A link works in a plain `<a href>` or a new tab, which cannot send
 * an Authorization header; the ticket (256 random bits in Redis, a few minutes) was issued to a signed-in caller after
 * the ownership check, so it is the credential.
 */
export const bomPlugin = fp<{ deps: ApiDeps }>(
  async (app: FastifyInstance, { deps }) => {
    const runner = startBomRunner(deps);
    app.decorate('bomRunner', runner);
    // Registered after the app's own onClose (which closes the worker pool), so it runs first: running runs go back
    // to the queue for another process before the pool stops under them.
    app.addHook('onClose', async () => {
      await runner.stop({ release: true });
    });

    app.get<{ Params: { ticket: string } }>('/files/:ticket', async (request, reply) => {
      const locale = localeFromAcceptLanguage(request.headers['accept-language']);
      let download: Download | null;
      try {
        download = await openDownload(deps, request.params.ticket);
      } catch (error) {
        // A comparison link opened while its requester already has BOM_MAX_COMPARES_PER_USER comparisons running.
        if (!(error instanceof AppError) || error.code !== 'TOO_MANY_REQUESTS') throw error;
        return reply.code(429).send({
          error: {
            statusCode: 429,
            code: 'too_many_requests',
            message: translate(error.messageKey, error.params, locale),
            requestId: request.id,
          },
        });
      }
      if (!download) {
        return reply.code(404).send({
          error: {
            statusCode: 404,
            code: 'not_found',
            message: translate('bom.downloadExpired', {}, locale),
            requestId: request.id,
          },
        });
      }
      return reply
        .header('content-type', download.contentType)
        .header('content-length', download.bytes.byteLength)
        .header('content-disposition', contentDisposition(download.fileName))
        .header('cache-control', 'private, no-store')
        .header('x-content-type-options', 'nosniff')
        .send(download.bytes);
    });
  },
  { name: 'arya-bom' },
);
