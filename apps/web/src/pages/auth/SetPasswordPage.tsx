import { useMutation } from '@tanstack/react-query';
import { Button, Form, Result } from 'antd';
import { Link, useLocation } from 'react-router';
import { useSessionStore } from '../../auth/SessionProvider';
import { ConfirmPasswordField } from '../../components/ConfirmPasswordField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { NewPasswordField } from '../../components/NewPasswordField';
import { useI18n } from '../../i18n/I18nProvider';
import { useTRPC } from '../../lib/trpc';
import { AuthCard } from './AuthCard';

interface Values {
  newPassword: string;
  confirmPassword: string;
}

/**
 * The one-time link an admin hands a new user: `/set-password#token=…` (the token sits in the fragment, so it never
 * reaches a server log or a Referer header). Setting the password signs the user in.
 */
export default function SetPasswordPage() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const session = useSessionStore();
  const token = new URLSearchParams(useLocation().hash.slice(1)).get('token');
  const set = useMutation(
    trpc.auth.setPasswordWithLink.mutationOptions({ onSuccess: (result) => session.signIn(result) }),
  );

  return (
    <AuthCard title={t('auth.setPasswordTitle')} footer={<Link to="/sign-in">{t('auth.backToSignIn')}</Link>}>
      {token ? (
        <Form<Values>
          layout="vertical"
          name="set-password-link"
          requiredMark={false}
          onFinish={(values) => set.mutate({ token, newPassword: values.newPassword })}
        >
          <NewPasswordField name="newPassword" label={t('auth.newPassword')} />
          <ConfirmPasswordField of="newPassword" />
          {set.error ? (
            <Form.Item>
              <ErrorAlert error={set.error} />
            </Form.Item>
          ) : null}
          <Button type="primary" htmlType="submit" block loading={set.isPending}>
            {t('auth.setPasswordSubmit')}
          </Button>
        </Form>
      ) : (
        <Result status="warning" title={t('auth.setupLinkIncomplete')} style={{ padding: '16px 0' }} />
      )}
    </AuthCard>
  );
}
