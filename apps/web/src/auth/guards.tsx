import { Result } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { FullPageSpinner } from '../components/FullPageSpinner';
import { useI18n } from '../i18n/I18nProvider';
import { useSession } from './SessionProvider';

export interface SignInLocationState {
  from?: string;
  expired?: boolean;
}

/** Signed-in routes: waits for the start-up refresh, then sends signed-out visitors to sign in (and back after). */
export function RequireAuth({ children }: { children: ReactNode }) {
  const session = useSession();
  const location = useLocation();
  if (session.status === 'starting') return <FullPageSpinner />;
  if (session.status === 'signedOut') {
    const state: SignInLocationState = {
      from: location.pathname + location.search,
      expired: session.reason === 'expired',
    };
    return <Navigate to="/sign-in" replace state={state} />;
  }
  return children;
}

/** Sign-in, sign-up and reset: a signed-in visitor goes where they were heading. */
export function PublicOnly() {
  const session = useSession();
  const location = useLocation();
  if (session.status === 'starting') return <FullPageSpinner />;
  if (session.status === 'signedIn') {
    const from = (location.state as SignInLocationState | null)?.from;
    return <Navigate to={from && from !== '/sign-in' ? from : '/'} replace />;
  }
  return <Outlet />;
}

/** Admin screens are hidden from the menu for others and refused here too (the server refuses them as well). */
export function RequireAdmin({ children }: { children: ReactNode }) {
  const session = useSession();
  const { t } = useI18n();
  if (session.status !== 'signedIn' || session.user.role !== 'admin') {
    return <Result status="403" title="403" subTitle={t('error.adminOnly')} />;
  }
  return children;
}
