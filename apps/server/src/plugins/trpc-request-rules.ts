/**
 * What a request to `/trpc` must look like before any procedure runs: a JSON body (multipart only for the upload
 * procedure, so a cross-site HTML form cannot reach a JSON procedure without a CORS preflight), a batch no larger than
 * `TRPC_MAX_BATCH`, and — when it carries cookies and changes state — an `Origin`/`Sec-Fetch-Site` from this site.
 */
import { getTRPCErrorShape, type AnyTRPCRouter } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import { AppError, type Context } from '@arya/api';

/** The procedures that take `multipart/form-data` (a workbook upload); every other one takes JSON only. */
export const MULTIPART_PROCEDURES: ReadonlySet<string> = new Set(['bom.files.upload']);

export interface RuleRequest {
  method: string;
  /** The procedure path(s) from the URL (`a,b` for a batch). */
  path: string;
  isBatch: boolean;
  headers: Record<string, string | string[] | undefined>;
  /** `host[:port]` this request was addressed to (the Host header, or X-Forwarded-Host behind a trusted proxy). */
  host: string;
}

export interface RuleOptions {
  maxBatch: number;
  /** Browser origins allowed to call the API with credentials (CORS_ORIGINS). */
  allowedOrigins: readonly string[];
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function mediaType(headers: RuleRequest['headers']): string | undefined {
  return headerValue(headers['content-type'])?.toLowerCase().split(';', 1)[0]?.trim();
}

function originHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null; // "null" (sandboxed frames, file: pages) and garbage are never this site
  }
}

/**
 * A browser request from another site. Browsers send `Origin` on every POST; `Sec-Fetch-Site` backs it up for those
 * that leave `Origin` out. Requests with neither come from non-browser clients, which no other site can drive.
 */
function isCrossSite(request: RuleRequest, options: RuleOptions): boolean {
  const origin = headerValue(request.headers['origin']);
  // The host alone is compared: a proxy that ends TLS may not say so, and no other site can serve from this host.
  if (origin !== undefined) return originHost(origin) !== request.host && !options.allowedOrigins.includes(origin);
  const site = headerValue(request.headers['sec-fetch-site']);
  return site !== undefined && site !== 'same-origin' && site !== 'none';
}

/** The first rule `request` breaks, as the error to answer with, or `null`. */
export function brokenRequestRule(request: RuleRequest, options: RuleOptions): AppError | null {
  if (request.method === 'POST') {
    const type = mediaType(request.headers);
    const multipartAllowed = !request.isBatch && MULTIPART_PROCEDURES.has(request.path);
    if (type !== 'application/json' && !(type === 'multipart/form-data' && multipartAllowed)) {
      return new AppError('UNSUPPORTED_MEDIA_TYPE', 'error.jsonBodyOnly', { contentType: type ?? '' });
    }
    // Cookies are sent by the browser on its own; a state change riding on them must come from this site.
    if (request.headers['cookie'] !== undefined && isCrossSite(request, options)) {
      return new AppError('FORBIDDEN', 'error.crossSiteRequest');
    }
  }
  if (request.isBatch) {
    const calls = request.path.split(',').length;
    if (calls > options.maxBatch)
      return new AppError('BAD_REQUEST', 'error.batchTooLarge', { calls, max: options.maxBatch });
  }
  return null;
}

/** The response tRPC would give for `error` raised before any procedure ran. */
export function renderRequestError(router: AnyTRPCRouter, ctx: Context, error: AppError) {
  // oxlint-disable-next-line no-underscore-dangle -- tRPC keeps a router's config on `_def`
  const config = router._def._config;
  const shape = getTRPCErrorShape({ config, ctx, error, input: undefined, path: undefined, type: 'unknown' });
  return {
    status: getHTTPStatusCodeFromError(error),
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ error: config.transformer.output.serialize(shape) }),
  };
}
