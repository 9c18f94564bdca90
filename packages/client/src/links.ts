import {
  httpBatchLink,
  httpLink,
  httpSubscriptionLink,
  isNonJsonSerializable,
  splitLink,
  TRPCClientError,
  type TRPCLink,
} from '@trpc/client';
import { observable, type Unsubscribable } from '@trpc/server/observable';
import { EventSource } from 'eventsource';
import type { AppRouter } from '@arya/api';

/**
 * The link chain every Arya client uses — the web UI, Node services, the server's tests and benchmarks. Browser-safe:
 * no Node built-ins, only fetch and the `eventsource` package (which, unlike the browser's EventSource, sends headers).
 */
export interface AryaLinkOptions {
  /** The tRPC endpoint: `/trpc` in the browser, `http://host:3000/trpc` elsewhere. */
  url: string;
  /** Read for every request: the access token's `authorization`, `accept-language`. */
  headers: () => Record<string, string>;
  fetch?: typeof fetch;
  /** `same-origin` in the browser, so the refresh-token cookie goes along. */
  credentials?: RequestInit['credentials'];
  /** Refreshes once on UNAUTHORIZED and replays the call; without it an UNAUTHORIZED is final. */
  refresh?: RefreshLinkOptions;
}

export interface RefreshLinkOptions {
  /** Single-flight refresh; resolves to whether a new access token is now held. */
  refresh: () => Promise<boolean>;
  /** The access token held now: when it changed since the call was sent, another call already refreshed. */
  accessToken?: () => string | null;
}

/**
 * Whether the error says this session no longer holds: not signed in, or the account was disabled meanwhile (FORBIDDEN
 * `auth.accountDisabled`). Either way one refresh is tried, and its refusal ends the session.
 */
export function isUnauthorized(error: unknown): boolean {
  if (!(error instanceof TRPCClientError)) return false;
  const data = error.data as { code?: unknown; messageKey?: unknown } | undefined;
  return data?.code === 'UNAUTHORIZED' || data?.messageKey === 'auth.accountDisabled';
}

/**
 * On UNAUTHORIZED from a signed-in procedure, refreshes the access token once and replays the operation. `auth.*`
 * procedures pass through untouched (their UNAUTHORIZED is the answer itself, and refreshing them would loop).
 */
export function refreshLink({ refresh, accessToken }: RefreshLinkOptions): TRPCLink<AppRouter> {
  return () =>
    ({ op, next }) =>
      observable((observer) => {
        let subscription: Unsubscribable | null = null;
        let replayed = false;
        let closed = false;
        const run = () => {
          const sentWith = accessToken?.();
          subscription = next(op).subscribe({
            next: (value) => observer.next(value),
            complete: () => observer.complete(),
            error: (error) => {
              if (replayed || op.path.startsWith('auth.') || !isUnauthorized(error)) {
                observer.error(error);
                return;
              }
              replayed = true;
              const ready = accessToken && accessToken() !== sentWith ? Promise.resolve(true) : refresh();
              ready.then(
                (ok) => {
                  if (closed) return;
                  if (ok) run();
                  else observer.error(error);
                },
                () => {
                  if (!closed) observer.error(error);
                },
              );
            },
          });
        };
        run();
        return () => {
          closed = true;
          subscription?.unsubscribe();
        };
      });
}

/**
 * Refresh-and-retry (when asked for), then: subscriptions over SSE with the same headers, FormData (workbook uploads)
 * alone through `httpLink` as multipart — it cannot be batched as JSON — and everything else batched.
 */
export function aryaLinks(options: AryaLinkOptions): Array<TRPCLink<AppRouter>> {
  const { url, headers, credentials } = options;
  const send = (input: string | URL | Request, init?: RequestInit): Promise<Response> =>
    (options.fetch ?? fetch)(input, { ...init, ...(credentials ? { credentials } : {}) });
  const http = { url, headers, fetch: send };
  const transport = splitLink<AppRouter>({
    condition: (op) => op.type === 'subscription',
    true: httpSubscriptionLink({
      url,
      EventSource,
      eventSourceOptions: () => ({
        fetch: (input: string | URL | Request, init?: RequestInit) =>
          send(input, { ...init, headers: { ...(init?.headers as Record<string, string> | undefined), ...headers() } }),
      }),
    }),
    false: splitLink({
      condition: (op) => isNonJsonSerializable(op.input),
      true: httpLink(http),
      // The server refuses batches above TRPC_MAX_BATCH (default 10).
      false: httpBatchLink({ ...http, maxItems: 10 }),
    }),
  });
  return options.refresh ? [refreshLink(options.refresh), transport] : [transport];
}
