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

/** Pino options: JSON lines in production and tests, pretty lines only in development. */
export function loggerOptions(config: LoggingConfig): LoggerOptions {
  return {
    level: config.LOG_LEVEL,
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
      censor: '[redacted]',
    },
    ...(config.NODE_ENV === 'development'
      ? { transport: { target: 'pino-pretty', options: { translateTime: 'HH:MM:ss', ignore: 'pid,hostname' } } }
      : {}),
  };
}
