import {
  createTRPCClient,
  httpBatchLink,
  httpLink,
  httpSubscriptionLink,
  isNonJsonSerializable,
  splitLink,
  TRPCClientError,
  type TRPCLink,
} from '@trpc/client';
import { observable } from '@trpc/server/observable';
import { EventSource } from 'eventsource';
import type { AppRouter, RouterInputs, RouterOutputs } from '@arya/api';
import { createAccessTokenVerifier, type VerifiedAccessToken } from './verify';

export interface AryaClientOptions {
  /** The server's tRPC endpoint, e.g. `http://arya:3000/trpc`. */
  url: string;
  fetch?: typeof fetch;
  /** Defaults to `/.well-known/jwks.json` on the same origin as `url`. */
  jwksUrl?: string;
  issuer?: string;
  audience?: string;
}

export interface AryaTokens {
  accessToken: string;
  accessTokenExpiresAt: string;
  refreshToken: string;
}

type SignedIn = RouterOutputs['auth']['login'];

function isUnauthorized(error: unknown): boolean {
  return error instanceof TRPCClientError && (error.data as { code?: unknown } | undefined)?.code === 'UNAUTHORIZED';
}

/**
 * A typed client for Node services. It signs in with the refresh token delivered in the body (no cookie jar), sends
 * the access token on every call, and on UNAUTHORIZED refreshes once (shared by concurrent calls) and retries.
 */
export function createAryaClient(options: AryaClientOptions) {
  let tokens: AryaTokens | null = null;
  let refreshing: Promise<boolean> | null = null;

  const store = (result: SignedIn) => {
    if (!result.refreshToken) throw new Error('the server did not return a refresh token in the body');
    tokens = {
      accessToken: result.accessToken,
      accessTokenExpiresAt: result.accessTokenExpiresAt,
      refreshToken: result.refreshToken,
    };
  };

  const refreshOnce = (): Promise<boolean> => {
    refreshing ??= (async () => {
      const refreshToken = tokens?.refreshToken;
      if (!refreshToken) return false;
      try {
        store(await trpc.auth.refresh.mutate({ refreshToken, tokenDelivery: 'body' }));
        return true;
      } catch (error) {
        if (!isUnauthorized(error)) throw error;
        tokens = null;
        return false;
      }
    })().finally(() => {
      refreshing = null;
    });
    return refreshing;
  };

  const refreshAndRetryLink: TRPCLink<AppRouter> =
    () =>
    ({ op, next }) =>
      observable((observer) => {
        let current: { unsubscribe: () => void } | undefined;
        let retried = false;
        const attempt = () => {
          const sentWith = tokens?.accessToken;
          current = next(op).subscribe({
            next: (value) => observer.next(value),
            complete: () => observer.complete(),
            error: (error) => {
              if (retried || op.path.startsWith('auth.') || !isUnauthorized(error) || !sentWith) {
                observer.error(error);
                return;
              }
              retried = true;
              // Another call may already have refreshed since this one was sent.
              const ready = tokens?.accessToken !== sentWith ? Promise.resolve(true) : refreshOnce();
              ready.then(
                (ok) => (ok ? attempt() : observer.error(error)),
                () => observer.error(error),
              );
            },
          });
        };
        attempt();
        return () => current?.unsubscribe();
      });

  const headers = (): Record<string, string> => (tokens ? { authorization: `Bearer ${tokens.accessToken}` } : {});
  const fetchImpl = options.fetch ?? fetch;
  const http = { url: options.url, ...(options.fetch ? { fetch: options.fetch } : {}), headers };
  const trpc = createTRPCClient<AppRouter>({
    links: [
      refreshAndRetryLink,
      splitLink({
        // Subscriptions (e.g. bom.runs.progress) over SSE; Node 20 has no EventSource, and one that can send headers
        // is needed anyway.
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({
          url: options.url,
          EventSource,
          eventSourceOptions: () => ({
            fetch: (input: string | URL | Request, init?: RequestInit) =>
              fetchImpl(input, {
                ...init,
                headers: { ...(init?.headers as Record<string, string> | undefined), ...headers() },
              }),
          }),
        }),
        // FormData (bom.files.upload) cannot be batched: it goes alone, as multipart.
        false: splitLink({
          condition: (op) => isNonJsonSerializable(op.input),
          true: httpLink(http),
          // The server refuses batches above TRPC_MAX_BATCH (default 10).
          false: httpBatchLink({ ...http, maxItems: 10 }),
        }),
      }),
    ],
  });

  const verifyAccessToken = createAccessTokenVerifier({
    jwksUrl: options.jwksUrl ?? new URL('/.well-known/jwks.json', options.url).toString(),
    ...(options.issuer ? { issuer: options.issuer } : {}),
    ...(options.audience ? { audience: options.audience } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });

  return {
    /** Every procedure, typed from the server's router. */
    trpc,
    async login(input: Omit<RouterInputs['auth']['login'], 'tokenDelivery'>): Promise<SignedIn['user']> {
      const result = await trpc.auth.login.mutate({ ...input, tokenDelivery: 'body' });
      store(result);
      return result.user;
    },
    /** Ends the session on the server and forgets the tokens. */
    async logout(): Promise<void> {
      const current = tokens;
      tokens = null;
      if (current) await trpc.auth.logout.mutate({ refreshToken: current.refreshToken });
    },
    /** Exchanges the refresh token for new tokens now; false when the session is over. */
    refresh: refreshOnce,
    getTokens: (): AryaTokens | null => (tokens ? { ...tokens } : null),
    /** Resume with tokens saved earlier (e.g. from a secret store). */
    setTokens: (next: AryaTokens | null) => {
      tokens = next ? { ...next } : null;
    },
    /** Checks a token offline with the server's JWKS. */
    verifyAccessToken: (token: string): Promise<VerifiedAccessToken> => verifyAccessToken(token),
  };
}

export type AryaClient = ReturnType<typeof createAryaClient>;
