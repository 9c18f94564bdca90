import { useMutation } from '@tanstack/react-query';
import { Button, Form, Input } from 'antd';
import type { RouterInputs } from '@arya/api';
import { useSessionStore } from '../../auth/SessionProvider';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n/I18nProvider';
import { useTRPC } from '../../lib/trpc';

type Values = RouterInputs['auth']['login'];

export function PasswordSignInForm() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const session = useSessionStore();
  const login = useMutation(trpc.auth.login.mutationOptions({ onSuccess: (result) => session.signIn(result) }));

  return (
    <Form<Values>
      layout="vertical"
      name="password-sign-in"
      onFinish={(values) => login.mutate(values)}
      requiredMark={false}
    >
      <Form.Item
        label={t('auth.accountOrPhone')}
        name="account"
        rules={[{ required: true, whitespace: true, message: t('auth.required', { field: t('auth.account') }) }]}
      >
        <Input autoComplete="username" autoFocus />
      </Form.Item>
      <Form.Item
        label={t('auth.password')}
        name="password"
        rules={[{ required: true, message: t('auth.required', { field: t('auth.password') }) }]}
      >
        <Input.Password autoComplete="current-password" />
      </Form.Item>
      {login.error ? (
        <Form.Item>
          <ErrorAlert error={login.error} />
        </Form.Item>
      ) : null}
      <Button type="primary" htmlType="submit" block loading={login.isPending}>
        {t('auth.signIn')}
      </Button>
    </Form>
  );
}
