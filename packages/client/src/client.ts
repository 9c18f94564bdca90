import { createTRPCClient } from '@trpc/client';
import type { AppRouter, RouterInputs, RouterOutputs } from '@arya/api';
import { aryaLinks, isUnauthorized } from './links';
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

  const headers = (): Record<string, string> => (tokens ? { authorization: `Bearer ${tokens.accessToken}` } : {});
  const trpc = createTRPCClient<AppRouter>({
    links: aryaLinks({
      url: options.url,
      headers,
      ...(options.fetch ? { fetch: options.fetch } : {}),
      refresh: { refresh: refreshOnce, accessToken: () => tokens?.accessToken ?? null },
    }),
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
