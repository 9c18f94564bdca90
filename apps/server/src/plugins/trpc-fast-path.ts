/**
 * A fast path for the requests that make up nearly all of Arya's traffic: JSON queries and mutations, single or
 * batched, whose framing is valid. It answers them exactly as tRPC's `resolveResponse` would (same status codes,
 * headers, body and `onError` calls) without building a Fetch `Request`/`Response`, abort signals and web streams per
 * request. Re-measured on Node 24 (`pnpm bench`, same run, alternated): user.me +61 % req/s over tRPC's stock Fastify
 * adapter, 388 vs 694 µs of server CPU per request. It reads tRPC internals, so `@trpc/server` and `@trpc/client` are
 * pinned to an exact version and `trpc-fast-path.test.ts` (the sameness test) guards every upgrade.
 *
 * Anything else (subscriptions, FormData and binary bodies, streaming batches, HEAD, an unknown procedure, a wrong
 * method, unparsable input, mixed procedure types) is left to tRPC's own handler, so every protocol error is still
 * tRPC's. `trpc-fast-path.test.ts` sends the same requests through both and compares the responses.
 */
import {
  callTRPCProcedure,
  getTRPCErrorFromUnknown,
  getTRPCErrorShape,
  TRPCError,
  type AnyTRPCProcedure,
  type AnyTRPCRouter,
} from '@trpc/server';
import { getHTTPStatusCode } from '@trpc/server/http';
import type { TRPCResponse } from '@trpc/server/rpc';

type PlainType = 'query' | 'mutation';

const METHOD_OF: Record<PlainType, string> = { query: 'GET', mutation: 'POST' };

/** What a request needs to carry for the fast path; the Fastify request satisfies it. */
export interface PlainRequest {
  method: string;
  headers: Record<string, string | string[] | undefined>;
  /** The procedure path(s) from the URL, already URL-decoded once by the router (as tRPC's adapter receives it). */
  path: string;
  /** The URL's query string (after `?`), read with `URLSearchParams` as tRPC reads it. */
  search: string;
  /** The raw body text (POST with `application/json`). */
  body: unknown;
}

export interface PlainRpcPlan {
  type: PlainType;
  isBatch: boolean;
  calls: Array<{ path: string; input: unknown }>;
}

type RouterConfig = AnyTRPCRouter['_def']['_config'];

// oxlint-disable no-underscore-dangle -- tRPC keeps a router's config and its flat `path → procedure` map on `_def`
function routerConfig(router: AnyTRPCRouter): RouterConfig {
  return router._def._config;
}

function procedureType(router: AnyTRPCRouter, path: string): string | undefined {
  const procedure: AnyTRPCProcedure | undefined = router._def.procedures[path];
  return procedure?._def.type;
}
// oxlint-enable no-underscore-dangle

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function mediaType(contentType: string | undefined): string | undefined {
  return contentType?.toLowerCase().split(';', 1)[0]?.trim();
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function wantsStreaming(headers: PlainRequest['headers']): boolean {
  if (headers['trpc-accept'] !== undefined) return true;
  const accept = headerValue(headers['accept']);
  return accept !== undefined && accept.split(',').some((type) => type.trim() === 'application/jsonl');
}

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** The inputs as tRPC reads them: from `?input=` for GET, from the body for POST; none when absent or empty. */
function rawInputs(request: PlainRequest, params: URLSearchParams): { ok: true; value: unknown } | { ok: false } {
  if (request.method === 'GET') {
    const input = params.get('input');
    return input ? parseJson(input) : { ok: true, value: undefined };
  }
  if (typeof request.body !== 'string') return { ok: false };
  return request.body ? parseJson(request.body) : { ok: true, value: undefined };
}

/**
 * The calls in `request` when the fast path can answer it exactly as tRPC would, else `null`. Only framing is
 * checked here; the procedures' own errors (validation, auth, domain) are answered by the fast path too.
 */
export function planPlainRpc(router: AnyTRPCRouter, request: PlainRequest): PlainRpcPlan | null {
  if (request.method !== 'GET' && request.method !== 'POST') return null;
  if (wantsStreaming(request.headers)) return null;
  const contentType = mediaType(headerValue(request.headers['content-type']));
  if (
    request.method === 'POST'
      ? contentType !== 'application/json'
      : contentType !== undefined && contentType !== 'application/json'
  ) {
    return null;
  }
  const params = new URLSearchParams(request.search);
  if (params.has('connectionParams') || request.path.includes('%')) return null;
  const config = routerConfig(router);
  if (config.pathSeparator !== '.') return null;
  const isBatch = params.get('batch') === '1';
  const paths = isBatch ? request.path.split(',') : [request.path];

  let type: PlainType | undefined;
  for (const path of paths) {
    const typeAtPath = procedureType(router, path);
    if (typeAtPath !== 'query' && typeAtPath !== 'mutation') return null;
    if (type !== undefined && typeAtPath !== type) return null;
    type = typeAtPath;
  }
  if (type === undefined || request.method !== METHOD_OF[type]) return null;

  const inputs = rawInputs(request, params);
  if (!inputs.ok) return null;
  const deserialize = config.transformer.input.deserialize;
  if (!isBatch)
    return {
      type,
      isBatch,
      calls: [{ path: paths[0]!, input: inputs.value === undefined ? undefined : deserialize(inputs.value) }],
    };
  if (inputs.value !== undefined && !isPlainObject(inputs.value)) return null;
  const byIndex = inputs.value ?? {};
  return {
    type,
    isBatch,
    calls: paths.map((path, index) => {
      const input = byIndex[String(index)];
      return { path, input: input === undefined ? undefined : deserialize(input) };
    }),
  };
}

function isPromiseLike(value: unknown): boolean {
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    typeof (value as { then?: unknown }).then === 'function'
  );
}

function isAsyncIterable(value: unknown): boolean {
  return isPlainObject(value) && Symbol.asyncIterator in value;
}

/** Results tRPC refuses to put in a plain JSON response (they need `httpBatchStreamLink`). */
function isDataStream(value: unknown): boolean {
  if (!isPlainObject(value)) return false;
  if (isAsyncIterable(value)) return true;
  const values = Object.values(value);
  return values.some(isPromiseLike) || values.some(isAsyncIterable);
}

export interface PlainRpcAnswer {
  status: number;
  headers: Readonly<Record<string, string>>;
  body: string;
}

export interface AnswerOptions<TContext> {
  router: AnyTRPCRouter;
  ctx: TContext;
  onError?: (details: {
    error: TRPCError;
    path: string | undefined;
    input: unknown;
    ctx: TContext;
    type: PlainType;
  }) => void;
}

const RESPONSE_HEADERS = { vary: 'trpc-accept, accept', 'content-type': 'application/json' } as const;

const STREAM_IN_PLAIN_RESPONSE = 'Cannot use stream-like response in non-streaming request - use httpBatchStreamLink';

/** Runs the planned calls (in parallel, as tRPC does) and renders the response tRPC would send. */
export async function answerPlainRpc<TContext>(
  plan: PlainRpcPlan,
  options: AnswerOptions<TContext>,
): Promise<PlainRpcAnswer> {
  const { router, ctx, onError } = options;
  const config = routerConfig(router);
  const { type } = plan;
  // tRPC parses a request's inputs once, for all its calls, when the first call asks; errors report them only after
  // that.
  let inputsRead = false;
  const inputOf = (index: number) => (inputsRead ? plan.calls[index]!.input : undefined);
  const errorResponse = (error: TRPCError, path: string | undefined, input: unknown): TRPCResponse => ({
    error: getTRPCErrorShape({ config, ctx, error, input, path, type }),
  });

  const outcomes = await Promise.all(
    plan.calls.map(async ({ path, input }, batchIndex): Promise<{ data: unknown } | { error: TRPCError }> => {
      try {
        const data: unknown = await callTRPCProcedure({
          router,
          path,
          type,
          ctx,
          // The one difference from tRPC's handler: no abort signal. Making AbortControllers is among the costliest
          // parts of tRPC's handler on Node 20; the procedures that listen for one (subscriptions) never come this way.
          signal: undefined,
          batchIndex,
          getRawInput: async () => {
            inputsRead = true;
            return input;
          },
        });
        return { data };
      } catch (cause) {
        const error = getTRPCErrorFromUnknown(cause);
        onError?.({ error, path, input: inputOf(batchIndex), ctx, type });
        return { error };
      }
    }),
  );

  if (!plan.isBatch) {
    const outcome = outcomes[0]!;
    let response: TRPCResponse;
    let error: TRPCError | undefined;
    if ('error' in outcome) {
      error = outcome.error;
      response = errorResponse(error, plan.calls[0]!.path, inputOf(0));
    } else if (isDataStream(outcome.data)) {
      // tRPC reports this one as a request-level error: no path, no input.
      error = new TRPCError({ code: 'UNSUPPORTED_MEDIA_TYPE', message: STREAM_IN_PLAIN_RESPONSE });
      onError?.({ error, path: undefined, input: undefined, ctx, type });
      response = errorResponse(error, undefined, undefined);
    } else {
      response = { result: { data: outcome.data } };
    }
    return render(config, response, getHTTPStatusCode(response, error ? [error] : []));
  }

  const errors: Array<TRPCError | undefined> = [];
  const responses = outcomes.map((outcome, index): TRPCResponse => {
    const error =
      'error' in outcome
        ? outcome.error
        : isDataStream(outcome.data)
          ? new TRPCError({ code: 'UNSUPPORTED_MEDIA_TYPE', message: STREAM_IN_PLAIN_RESPONSE })
          : undefined;
    errors.push(error);
    if (error) return errorResponse(error, plan.calls[index]!.path, inputOf(index));
    return { result: { data: (outcome as { data: unknown }).data } };
  });
  return render(config, responses, getHTTPStatusCode(responses, errors));
}

/**
 * What `transformTRPCResponse` produces for these plain `{result: {data}}` / `{error}` items, without its object
 * spreads.
 */
function serialized(config: RouterConfig, item: TRPCResponse): TRPCResponse {
  const { serialize } = config.transformer.output;
  return 'error' in item ? { error: serialize(item.error) } : { result: { data: serialize(item.result.data) } };
}

function render(config: RouterConfig, response: TRPCResponse | TRPCResponse[], status: number): PlainRpcAnswer {
  const body = Array.isArray(response)
    ? response.map((item) => serialized(config, item))
    : serialized(config, response);
  return { status, headers: RESPONSE_HEADERS, body: JSON.stringify(body) };
}
