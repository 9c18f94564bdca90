import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import fp from 'fastify-plugin';

export interface WebUiOptions {
  /** The built web UI (`apps/web/dist`); nothing is served when it has not been built. */
  root: string;
}

/** Paths owned by the server; a browser navigating to an unknown one gets a 404, not the SPA. */
const serverPrefixes = [
  '/trpc',
  '/panel',
  '/reference',
  '/openapi.json',
  '/healthz',
  '/readyz',
  '/.well-known',
  '/files',
];

function sendIndex(reply: FastifyReply) {
  return reply.header('cache-control', 'no-cache').sendFile('index.html');
}

function wantsHtml(accept: string | undefined): boolean {
  return accept?.includes('text/html') ?? false;
}

/**
 * Serves the built web UI at `/`. Hashed assets are cached for a year; `index.html` is always revalidated.
 * Unknown paths that a browser navigates to get `index.html` so client-side routes survive a reload.
 */
export const webUiPlugin = fp<WebUiOptions>(
  async (app: FastifyInstance, { root }) => {
    const index = join(root, 'index.html');
    if (!existsSync(index)) {
      app.log.debug({ root }, 'web UI not built; not serving it');
      return;
    }
    await app.register(fastifyStatic, {
      root,
      wildcard: false,
      index: false,
      setHeaders(reply, path) {
        reply.header('cache-control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });

    app.get('/', (_request, reply) => sendIndex(reply));
    app.get('/*', (request, reply) => {
      const path = request.url.split('?')[0] ?? '/';
      const ownedByServer = serverPrefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
      if (ownedByServer || !wantsHtml(request.headers.accept)) return reply.callNotFound();
      return sendIndex(reply);
    });
  },
  { name: 'arya-web-ui' },
);
