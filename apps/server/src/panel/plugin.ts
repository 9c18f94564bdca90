import { existsSync, readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { AnyTRPCRouter } from '@trpc/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { describeProcedures, outputSchemasUrl, type JsonSchema } from '@arya/api';
import { buildOpenApiDocument, type OutputSchemas } from './openapi';

/** Who may read the catalogue: everyone in development, an admin's access token when the panel runs in production. */
export type PanelAccess = (request: FastifyRequest) => Promise<'allowed' | 'unauthenticated' | 'forbidden'>;

export interface PanelOptions {
  router: AnyTRPCRouter;
  access: PanelAccess;
  /** The built panel (`apps/web/dist-panel`): `panel.html` and its hashed `assets/`. */
  root: string;
}

/** The reference page's assets sit beside this module in `src/` and are copied beside the bundle in `dist/`. */
function asset(name: string): string {
  return readFileSync(fileURLToPath(new URL(`./assets/${name}`, import.meta.url)), 'utf8');
}

const html = 'text/html; charset=utf-8';
const javascript = 'text/javascript; charset=utf-8';
const referenceAssets = {
  '/reference': { type: html, body: asset('reference.html') },
  '/reference/reference.js': { type: javascript, body: asset('reference.js') },
};

/** What `/panel` says when the panel was not built (no script: the CSP allows none inline). */
const notBuiltPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Arya API panel</title></head>
<body><h1>The panel is not built</h1><p>Run <code>pnpm --filter @arya/web build</code> (it builds the panel into
<code>apps/web/dist-panel</code>), or during <code>pnpm dev</code> open <code>/panel</code> on the Vite dev server.</p>
<p>The <a href="/reference">API reference</a> and <a href="/openapi.json">OpenAPI document</a> need no build.</p>
</body></html>`;

/** Scalar's self-contained browser build, served from its npm package (no CDN). */
const scalarScript = join(
  dirname(fileURLToPath(import.meta.resolve('@scalar/api-reference'))),
  'browser/standalone.js',
);

async function readOutputSchemas(): Promise<OutputSchemas> {
  try {
    return JSON.parse(await readFile(outputSchemasUrl, 'utf8')) as OutputSchemas;
  } catch (error) {
    throw new Error(
      'output schemas missing: run `pnpm --filter @arya/api generate` (turbo runs it before dev/test/build)',
      {
        cause: error,
      },
    );
  }
}

/**
 * The developer panel (`/panel`, built by apps/web), the OpenAPI 3.1 document of the router (`/openapi.json`) and its
 * reference page (`/reference`, Scalar). The pages are static; what they read — the catalogue with the output schemas,
 * and the document — passes `access`.
 */
export async function panelPlugin(app: FastifyInstance, { router, access, root }: PanelOptions): Promise<void> {
  let catalogue: ReturnType<typeof describeProcedures> | undefined;
  let outputSchemas: Promise<OutputSchemas> | undefined;
  let openApi: Promise<JsonSchema> | undefined;
  const procedures = () => (catalogue ??= describeProcedures(router));
  /** A failed read is not kept: the next request tries again (e.g. once `generate` has run). */
  const outputs = () =>
    (outputSchemas ??= readOutputSchemas().catch((error: unknown) => {
      outputSchemas = undefined;
      throw error;
    }));

  // The page is read per request, so a rebuilt panel shows without a restart; its assets are content-hashed.
  const sendPanel = async (_request: FastifyRequest, reply: FastifyReply) => {
    const page = await readFile(join(root, 'panel.html'), 'utf8').catch(() => null);
    return reply
      .code(page === null ? 503 : 200)
      .type(html)
      .header('cache-control', 'no-cache')
      .send(page ?? notBuiltPage);
  };
  app.get('/panel', sendPanel);
  app.get('/panel/', sendPanel);
  if (existsSync(join(root, 'assets'))) {
    await app.register(fastifyStatic, {
      root: join(root, 'assets'),
      prefix: '/panel/assets/',
      decorateReply: false,
      index: false,
      immutable: true,
      maxAge: '365d',
    });
  }
  for (const [path, { type, body }] of Object.entries(referenceAssets)) {
    app.get(path, (_request, reply) => reply.type(type).header('cache-control', 'no-cache').send(body));
  }
  app.get('/reference/scalar.js', async (_request, reply) =>
    reply
      .type(javascript)
      .header('cache-control', 'no-cache')
      .send(await readFile(scalarScript)),
  );

  /** Answers 401/403 when the caller may not read; true when they may. */
  async function allowed(request: FastifyRequest, reply: FastifyReply): Promise<boolean> {
    const verdict = await access(request);
    if (verdict === 'allowed') return true;
    const statusCode = verdict === 'unauthenticated' ? 401 : 403;
    await reply.code(statusCode).send({
      error: {
        statusCode,
        message:
          verdict === 'unauthenticated'
            ? 'The panel needs an admin access token: send it as "Authorization: Bearer <token>".'
            : 'The panel is limited to admins in production.',
        requestId: request.id,
      },
    });
    return false;
  }

  app.get('/panel/schema.json', async (request, reply) => {
    if (!(await allowed(request, reply))) return reply;
    return reply.header('cache-control', 'no-store').send({ procedures: procedures(), outputs: await outputs() });
  });

  app.get('/openapi.json', async (request, reply) => {
    if (!(await allowed(request, reply))) return reply;
    openApi ??= outputs().then((schemas) => buildOpenApiDocument(procedures(), schemas));
    const document = await openApi.catch((error: unknown) => {
      openApi = undefined;
      throw error;
    });
    return reply.header('cache-control', 'no-store').send(document);
  });
}
