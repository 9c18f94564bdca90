import { useMutation } from '@tanstack/react-query';
import { Button, Form, Input } from 'antd';
import { Link } from 'react-router';
import { useSessionStore } from '../../auth/SessionProvider';
import { ErrorAlert } from '../../components/ErrorAlert';
import { NewPasswordField } from '../../components/NewPasswordField';
import { useI18n } from '../../i18n/I18nProvider';
import { useTRPC } from '../../lib/trpc';
import { AuthCard } from './AuthCard';

interface Values {
  account: string;
  username?: string;
  password: string;
}

export default function SignUpPage() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const session = useSessionStore();
  const register = useMutation(trpc.auth.register.mutationOptions({ onSuccess: (result) => session.signIn(result) }));

  return (
    <AuthCard title={t('auth.signUpTitle')} footer={<Link to="/sign-in">{t('auth.backToSignIn')}</Link>}>
      <Form<Values>
        layout="vertical"
        name="sign-up"
        requiredMark={false}
        onFinish={(values) => register.mutate({ account: values.account, password: values.password, username: values.username || undefined })}
      >
        <Form.Item
          label={t('auth.account')}
          name="account"
          rules={[{ required: true, whitespace: true, message: t('auth.required', { field: t('auth.account') }) }]}
        >
          <Input autoComplete="username" autoFocus />
        </Form.Item>
        <Form.Item label={t('profile.name')} name="username">
          <Input autoComplete="name" />
        </Form.Item>
        <NewPasswordField name="password" label={t('auth.password')} />
        {register.error ? (
          <Form.Item>
            <ErrorAlert error={register.error} />
          </Form.Item>
        ) : null}
        <Button type="primary" htmlType="submit" block loading={register.isPending}>
          {t('auth.signUp')}
        </Button>
      </Form>
    </AuthCard>
  );
}
