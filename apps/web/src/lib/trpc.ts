import type { AppRouter } from '@arya/api';
import { createTRPCClient, httpBatchLink, TRPCClientError } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import { createSessionStore } from '../auth/session-store';
import { activeLocale } from '../i18n/I18nProvider';
import { isUnauthorized, refreshLink } from './refresh-link';

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

/** One session store and one client per page load: the access token is never written anywhere but this memory. */
export function createApiClient() {
  // The store needs the client to refresh and the client needs the store's token: bind late.
  let client: ReturnType<typeof createTRPCClient<AppRouter>> | null = null;
  const session = createSessionStore({
    refresh: () => {
      if (!client) throw new Error('client not ready');
      return client.auth.refresh.mutate();
    },
    isRejection: (error) => error instanceof TRPCClientError && isUnauthorized(error),
  });

  client = createTRPCClient<AppRouter>({
    links: [
      refreshLink({ refresh: async () => (await session.refresh()) === 'refreshed' }),
      httpBatchLink({
        url: '/trpc',
        headers() {
          const token = session.accessToken();
          return {
            'accept-language': activeLocale(),
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          };
        },
        fetch: (url, init) => fetch(url, { ...init, credentials: 'same-origin' }),
      }),
    ],
  });
  return { client, session };
}

export type ApiClient = ReturnType<typeof createApiClient>['client'];
