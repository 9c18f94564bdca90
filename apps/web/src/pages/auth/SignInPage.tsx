import { useQuery } from '@tanstack/react-query';
import { Alert, Tabs } from 'antd';
import { Link, useLocation } from 'react-router';
import type { SignInLocationState } from '../../auth/guards';
import { useI18n } from '../../i18n/I18nProvider';
import { useTRPC } from '../../lib/trpc';
import { AuthCard } from './AuthCard';
import type { ResetDoneState } from './ForgotPasswordPage';
import { PasswordSignInForm } from './PasswordSignInForm';
import { SmsSignInForm } from './SmsSignInForm';

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
          { key: 'sms', label: t('auth.bySms'), children: <SmsSignInForm /> },
        ]}
      />
    </AuthCard>
  );
}
