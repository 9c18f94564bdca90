import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { TRPCClientError } from '@trpc/client';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/es/locale/en_US';
import zhCN from 'antd/es/locale/zh_CN';
import { useEffect, useState } from 'react';
import { BrowserRouter } from 'react-router';
import { isUnauthorized } from '@arya/client/links';
import type { SessionStore } from './auth/session-store';
import { SessionProvider } from './auth/SessionProvider';
import { I18nProvider, useI18n } from './i18n/I18nProvider';
import { TRPCProvider, type ApiClient } from './lib/trpc';
import { AppRoutes } from './routes';

function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // A 4xx answer will not change by asking again; a dropped connection might.
        retry: (failures, error) => failures < 2 && !(error instanceof TRPCClientError && error.data),
        staleTime: 10_000,
      },
    },
  });
}

function ThemedApp() {
  const { locale } = useI18n();
  return (
    <ConfigProvider locale={locale === 'en' ? enUS : zhCN} theme={{ token: { colorPrimary: '#1f6feb' } }}>
      <AntApp>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}

export function App({ client, session }: { client: ApiClient; session: SessionStore }) {
  const [queryClient] = useState(createQueryClient);

  // Whatever ends the session (sign-out, expiry, revocation) also drops every cached answer of that user.
  useEffect(
    () =>
      session.subscribe(() => {
        if (session.getState().status === 'signedOut') queryClient.clear();
      }),
    [session, queryClient],
  );
  useEffect(
    () =>
      queryClient.getQueryCache().subscribe((event) => {
        if (event.type === 'updated' && event.action.type === 'error' && isUnauthorized(event.action.error)) {
          session.signOut('expired');
        }
      }),
    [session, queryClient],
  );

  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={client} queryClient={queryClient}>
        <SessionProvider store={session}>
          <I18nProvider>
            <ThemedApp />
          </I18nProvider>
        </SessionProvider>
      </TRPCProvider>
    </QueryClientProvider>
  );
}
