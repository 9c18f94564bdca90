import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { LoggerOptions } from 'pino';
import type { Config } from './config';

type LoggingConfig = Pick<Config, 'NODE_ENV' | 'LOG_LEVEL'>;

export const REQUEST_ID_HEADER = 'x-request-id';

/** Ids from a proxy are kept when they look like ids, so they cannot smuggle text into the logs. */
const acceptableRequestId = /^[\w.:-]{1,128}$/;

export function requestIdFor(req: IncomingMessage): string {
  const incoming = req.headers[REQUEST_ID_HEADER];
  return typeof incoming === 'string' && acceptableRequestId.test(incoming) ? incoming : randomUUID();
}

/**
 * `pnpm dev` prints one short line per request (`POST /trpc/auth.login → 200 12 ms`) instead of Fastify's two
 * multi-line entries, so the few lines that matter (an SMS code, an error) stand out. Elsewhere: Fastify's JSON lines.
 */
export function oneLinePerRequest(config: Pick<Config, 'NODE_ENV'>): boolean {
  return config.NODE_ENV === 'development';
}

const LONGEST_LOGGED_PATH = 100;

export function requestLine(method: string, url: string, statusCode: number, elapsedMs: number): string {
  const path = url.length > LONGEST_LOGGED_PATH ? `${url.slice(0, LONGEST_LOGGED_PATH)}…` : url;
  return `${method} ${path} → ${statusCode} ${Math.round(elapsedMs)} ms`;
}

/** Pino options: JSON lines in production and tests, pretty single lines only in development. */
export function loggerOptions(config: LoggingConfig): LoggerOptions {
  return {
    level: config.LOG_LEVEL,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
      censor: '[redacted]',
    },
    ...(config.NODE_ENV === 'development'
      ? {
          transport: {
            target: 'pino-pretty',
            options: { translateTime: 'HH:MM:ss', ignore: 'pid,hostname,requestId', singleLine: true },
          },
        }
      : {}),
  };
}
