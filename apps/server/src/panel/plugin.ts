import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { AnyTRPCRouter } from '@trpc/server';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { describeProcedures, type ProcedureEntry } from '@arya/api';

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

const assets = {
  '/': { type: 'text/html; charset=utf-8', body: asset('index.html') },
  '/panel.js': { type: 'text/javascript; charset=utf-8', body: asset('panel.js') },
  '/panel.css': { type: 'text/css; charset=utf-8', body: asset('panel.css') },
};

/**
 * The developer panel at `/panel` (register with that prefix): a page listing every procedure with its
 * input JSON Schema and a form to call it through `/trpc` with a bearer token.
 */
export async function panelPlugin(app: FastifyInstance, { router, access }: PanelOptions): Promise<void> {
  let catalogue: ProcedureEntry[] | undefined;

  for (const [path, { type, body }] of Object.entries(assets)) {
    app.get(path, (_request, reply) => reply.type(type).header('cache-control', 'no-cache').send(body));
  }

  app.get('/schema.json', async (request, reply) => {
    const verdict = await access(request);
    if (verdict !== 'allowed') {
      const statusCode = verdict === 'unauthenticated' ? 401 : 403;
      return reply.code(statusCode).send({
        error: {
          statusCode,
          message:
            verdict === 'unauthenticated'
              ? 'The panel needs an admin access token: send it as "Authorization: Bearer <token>".'
              : 'The panel is limited to admins in production.',
          requestId: request.id,
        },
      });
    }
    catalogue ??= describeProcedures(router);
    return reply.header('cache-control', 'no-store').send({ procedures: catalogue });
  });
}
