import { useQuery } from '@tanstack/react-query';
import { Alert, Skeleton, Tabs } from 'antd';
import { lazy, Suspense } from 'react';
import { Link, useLocation } from 'react-router';
import type { SignInLocationState } from '../../auth/guards';
import { useI18n } from '../../i18n/I18nProvider';
import { useTRPC } from '../../lib/trpc';
import { AuthCard } from './AuthCard';
import type { ResetDoneState } from './ForgotPasswordPage';
import { PasswordSignInForm } from './PasswordSignInForm';

// The SMS tab (its code form and proof-of-work hook) loads when opened: password sign-in is the first tab, and the
// first download stays within the sign-in bundle budget (scripts/check-bundle-budget.mjs).
const SmsSignInForm = lazy(async () => ({ default: (await import('./SmsSignInForm')).SmsSignInForm }));

export default function SignInPage() {
  const { t } = useI18n();
  const state = useLocation().state as (SignInLocationState & Partial<ResetDoneState>) | null;
  // Offered only when anyone may sign up; with registration closed the link would lead nowhere useful.
  const mode = useQuery(useTRPC().auth.registrationMode.queryOptions());
  return (
    <AuthCard
      title={t('auth.signInTitle')}
      footer={
        <>
          {mode.data?.mode === 'open' ? <Link to="/sign-up">{t('auth.signUpLink')}</Link> : <span />}
          <Link to="/forgot-password">{t('auth.forgotLink')}</Link>
        </>
      }
    >
      {state?.passwordReset ? (
        <Alert type="success" showIcon title={t('auth.resetDone')} style={{ marginBottom: 16 }} />
      ) : null}
      {state?.expired ? (
        <Alert type="warning" showIcon title={t('auth.sessionEnded')} style={{ marginBottom: 16 }} />
      ) : null}
      <Tabs
        items={[
          { key: 'password', label: t('auth.byPassword'), children: <PasswordSignInForm /> },
          {
            key: 'sms',
            label: t('auth.bySms'),
            children: (
              <Suspense fallback={<Skeleton active />}>
                <SmsSignInForm />
              </Suspense>
            ),
          },
        ]}
      />
    </AuthCard>
  );
}
