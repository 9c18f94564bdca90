import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { accessVerdict, appRouter, closeApiDeps, type ApiDeps } from '@arya/api';
import type { Config } from './config';
import { loggerOptions, oneLinePerRequest, REQUEST_ID_HEADER, requestIdFor, requestLine } from './logging';
import { panelPlugin, type PanelAccess } from './panel/plugin';
import { bomPlugin } from './plugins/bom';
import { compressionPlugin } from './plugins/compression';
import { errorsPlugin } from './plugins/errors';
import { healthPlugin } from './plugins/health';
import { maintenancePlugin } from './plugins/maintenance';
import { securityPlugin } from './plugins/security';
import { trpcPlugin } from './plugins/trpc';
import { webUiPlugin } from './plugins/web-ui';

export interface AppOptions {
  config: Config;
  deps: ApiDeps;
  /** A logger shared with the rest of the process; by default one is made from the config. */
  logger?: FastifyBaseLogger;
  /** Every /trpc request through tRPC's own Fastify adapter (the benchmark measures the fast path against it). */
  disableTrpcFastPath?: boolean;
}

/** Orchestrators poll the probes every few seconds; logging each poll would drown the real traffic. */
const isProbe = (request: { url: string }) => request.url === '/healthz' || request.url === '/readyz';

/**
 * TRUST_PROXY as Fastify's trust function: the `hops` proxies nearest the server are trusted, so the client address
 * is the entry the outermost of them appended to X-Forwarded-For. (`trustProxy: true` would trust every entry and take
 * the left-most, which the client wrote; a number alone is refused by Fastify, which cannot check the peer.)
 */
function trustedProxies(setting: boolean | number): false | ((address: string, hop: number) => boolean) {
  if (setting === false) return false;
  const hops = setting === true ? 1 : setting;
  return (_address, hop) => hop < hops;
}

/** In production the panel, when enabled at all, answers admins only: the same access check as admin procedures. */
function panelAccess(config: Config, deps: ApiDeps): PanelAccess {
  if (config.NODE_ENV !== 'production') return async () => 'allowed';
  return async (request) => {
    const verdict = await accessVerdict(deps, request, 'admin');
    if (verdict.allowed) return 'allowed';
    return verdict.error.code === 'FORBIDDEN' ? 'forbidden' : 'unauthenticated';
  };
}

/**
 * The whole HTTP app, built without listening so tests drive it with `app.inject`. The app owns `deps`
 * from here on: closing the app closes pools, Redis and workers.
 */
export async function buildApp({ config, deps, logger, disableTrpcFastPath }: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    ...(logger ? { loggerInstance: logger } : { logger: loggerOptions(config) }),
    genReqId: requestIdFor,
    requestIdHeader: false,
    logController: new LogController({
      requestIdLogLabel: 'requestId',
      disableRequestLogging: oneLinePerRequest(config) ? true : isProbe,
    }),
    bodyLimit: config.BODY_LIMIT_BYTES,
    trustProxy: trustedProxies(config.TRUST_PROXY),
    // Batched tRPC calls put every procedure path in one URL segment.
    routerOptions: { maxParamLength: 2000 },
    return503OnClosing: true,
    forceCloseConnections: 'idle',
  });

  app.addHook('onRequest', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
  });
  app.addHook('onClose', async () => {
    await closeApiDeps(deps);
  });
  if (oneLinePerRequest(config)) {
    app.addHook('onResponse', async (request, reply) => {
      if (!isProbe(request))
        request.log.info(requestLine(request.method, request.url, reply.statusCode, reply.elapsedTime));
    });
  }

  await app.register(errorsPlugin, { production: config.NODE_ENV === 'production' });
  await app.register(securityPlugin, { config });
  await app.register(compressionPlugin);
  await app.register(healthPlugin, {
    checks: {
      postgres: () => sql`select 1`.execute(deps.db),
      redis: () => deps.redis.ping(),
    },
  });
  app.get('/.well-known/jwks.json', async (_request, reply) =>
    reply.header('cache-control', 'public, max-age=300').send(deps.tokens.publicJwks()),
  );
  await app.register(trpcPlugin, {
    deps,
    maxBatch: config.TRPC_MAX_BATCH,
    allowedOrigins: config.CORS_ORIGINS,
    ...(disableTrpcFastPath ? { disableFastPath: true } : {}),
  });
  await app.register(bomPlugin, { deps });
  await app.register(maintenancePlugin, { deps });
  if (config.PANEL_ENABLED) {
    await app.register(panelPlugin, {
      router: appRouter,
      access: panelAccess(config, deps),
      root: config.PANEL_DIST_DIR,
    });
  }
  await app.register(webUiPlugin, { root: config.WEB_DIST_DIR });
  return app;
}
