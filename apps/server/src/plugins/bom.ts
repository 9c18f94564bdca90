import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import {
  contentDisposition,
  openDownload,
  startBomRunner,
  translate,
  localeFromAcceptLanguage,
  type ApiDeps,
  type BomRunner,
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
      const download = await openDownload(deps, request.params.ticket);
      if (!download) {
        const locale = localeFromAcceptLanguage(request.headers['accept-language']);
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
