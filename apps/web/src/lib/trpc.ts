import { createTRPCClient } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import type { AppRouter } from '@arya/api';
import { aryaLinks, isUnauthorized } from '@arya/client/links';
import { hasSessionHint } from '../auth/session-hint';
import { createSessionStore } from '../auth/session-store';
import { activeLocale } from '../i18n/I18nProvider';

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
    isRejection: isUnauthorized,
    hasSessionHint: () => hasSessionHint(),
  });

  const headers = (): Record<string, string> => {
    const token = session.accessToken();
    return { 'accept-language': activeLocale(), ...(token ? { authorization: `Bearer ${token}` } : {}) };
  };

  client = createTRPCClient<AppRouter>({
    links: aryaLinks({
      url: '/trpc',
      headers,
      credentials: 'same-origin',
      refresh: { refresh: async () => (await session.refresh()) === 'refreshed', accessToken: session.accessToken },
    }),
  });
  return { client, session };
}

export type ApiClient = ReturnType<typeof createApiClient>['client'];
