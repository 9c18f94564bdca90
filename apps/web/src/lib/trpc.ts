import {
  createTRPCClient,
  httpBatchLink,
  httpLink,
  httpSubscriptionLink,
  isNonJsonSerializable,
  splitLink,
  TRPCClientError,
} from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import { EventSource } from 'eventsource';
import type { AppRouter } from '@arya/api';
import { createSessionStore } from '../auth/session-store';
import { activeLocale } from '../i18n/I18nProvider';
import { isUnauthorized, refreshLink } from './refresh-link';

export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

const sameOriginFetch = (url: RequestInfo | URL, init?: RequestInit) =>
  fetch(url, { ...init, credentials: 'same-origin' });

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

  const headers = (): Record<string, string> => {
    const token = session.accessToken();
    return { 'accept-language': activeLocale(), ...(token ? { authorization: `Bearer ${token}` } : {}) };
  };

  client = createTRPCClient<AppRouter>({
    links: [
      refreshLink({ refresh: async () => (await session.refresh()) === 'refreshed' }),
      splitLink({
        condition: (op) => op.type === 'subscription',
        // Server-sent events; the browser's EventSource cannot send the access token, this one fetches with it.
        true: httpSubscriptionLink({
          url: '/trpc',
          EventSource,
          eventSourceOptions: () => ({
            fetch: (url, init) =>
              fetch(url, { ...init, headers: { ...init.headers, ...headers() }, credentials: 'same-origin' }),
          }),
        }),
        false: splitLink({
          // FormData (workbook uploads) cannot be batched as JSON.
          condition: (op) => isNonJsonSerializable(op.input),
          true: httpLink({ url: '/trpc', headers, fetch: sameOriginFetch }),
          // The server refuses batches above TRPC_MAX_BATCH (default 10).
          false: httpBatchLink({ url: '/trpc', headers, fetch: sameOriginFetch, maxItems: 10 }),
        }),
      }),
    ],
  });
  return { client, session };
}

export type ApiClient = ReturnType<typeof createApiClient>['client'];
