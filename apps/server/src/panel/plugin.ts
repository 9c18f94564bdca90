import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AnyTRPCRouter } from '@trpc/server';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { describeProcedures, outputSchemasUrl, type JsonSchema } from '@arya/api';
import { buildOpenApiDocument, type OutputSchemas } from './openapi';

/** Who may read the catalogue: everyone in development, an admin's access token when the panel runs in production. */
export type PanelAccess = (request: FastifyRequest) => Promise<'allowed' | 'unauthenticated' | 'forbidden'>;

export interface PanelOptions {
  router: AnyTRPCRouter;
  access: PanelAccess;
}

/** The assets sit beside this module in `src/` and are copied beside the bundle in `dist/`. */
function asset(name: string): string {
  return readFileSync(fileURLToPath(new URL(`./assets/${name}`, import.meta.url)), 'utf8');
}

const html = 'text/html; charset=utf-8';
const javascript = 'text/javascript; charset=utf-8';
const assets = {
  '/panel': { type: html, body: asset('index.html') },
  '/panel/': { type: html, body: asset('index.html') },
  '/panel/panel.js': { type: javascript, body: asset('panel.js') },
  '/panel/panel.css': { type: 'text/css; charset=utf-8', body: asset('panel.css') },
  '/reference': { type: html, body: asset('reference.html') },
  '/reference/reference.js': { type: javascript, body: asset('reference.js') },
};

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
 * The developer panel (`/panel`), the OpenAPI 3.1 document of the router (`/openapi.json`) and its reference page
 * (`/reference`, Scalar). The pages are static; what they read — the catalogue and the document — passes `access`.
 */
export async function panelPlugin(app: FastifyInstance, { router, access }: PanelOptions): Promise<void> {
  let catalogue: ReturnType<typeof describeProcedures> | undefined;
  let openApi: Promise<JsonSchema> | undefined;
  const procedures = () => (catalogue ??= describeProcedures(router));

  for (const [path, { type, body }] of Object.entries(assets)) {
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
    return reply.header('cache-control', 'no-store').send({ procedures: procedures() });
  });

  app.get('/openapi.json', async (request, reply) => {
    if (!(await allowed(request, reply))) return reply;
    openApi ??= readOutputSchemas().then((outputs) => buildOpenApiDocument(procedures(), outputs));
    // A failed read is not kept: the next request tries again (e.g. once `generate` has run).
    const document = await openApi.catch((error: unknown) => {
      openApi = undefined;
      throw error;
    });
    return reply.header('cache-control', 'no-store').send(document);
  });
}
