import cookie from '@fastify/cookie';
import cors from '@fastify/cors';
import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Config } from '../config';

type SecurityConfig = Pick<Config, 'NODE_ENV' | 'CORS_ORIGINS'>;

/**
 * Security headers, CORS and cookies. The CSP allows only same-origin scripts and connections, which is
 * all the built web UI and the panel need (both ship their scripts as files, no inline code).
 */
export const securityPlugin = fp<{ config: SecurityConfig }>(
  async (app: FastifyInstance, { config }) => {
    const production = config.NODE_ENV === 'production';
    await app.register(helmet, {
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:', 'blob:'],
          'connect-src': ["'self'"],
          'font-src': ["'self'", 'data:'],
          'object-src': ["'none'"],
          'frame-ancestors': ["'none'"],
          // Left out: on a plain-HTTP intranet deployment it would send every asset request to https and break the UI.
          'upgrade-insecure-requests': null,
        },
      },
      strictTransportSecurity: production ? { maxAge: 15_552_000, includeSubDomains: true } : false,
      crossOriginEmbedderPolicy: false,
    });
    await app.register(cors, {
      origin: config.CORS_ORIGINS.length > 0 ? config.CORS_ORIGINS : false,
      credentials: true,
      methods: ['GET', 'POST', 'OPTIONS'],
      allowedHeaders: ['content-type', 'authorization', 'x-request-id', 'trpc-accept', 'x-trpc-source'],
      exposedHeaders: ['x-request-id', 'retry-after'],
      maxAge: 600,
    });
    await app.register(cookie);
  },
  { name: 'arya-security' },
);
