import { useMutation } from '@tanstack/react-query';
import { Button, Form } from 'antd';
import type { RouterInputs } from '@arya/api';
import { useSessionStore } from '../../auth/SessionProvider';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PhoneCodeFields } from '../../components/PhoneCodeFields';
import { useI18n } from '../../i18n/I18nProvider';
import { useTRPC } from '../../lib/trpc';

type Values = RouterInputs['auth']['loginWithSms'];

export function SmsSignInForm() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const session = useSessionStore();
  const [form] = Form.useForm<Values>();
  const login = useMutation(trpc.auth.loginWithSms.mutationOptions({ onSuccess: (result) => session.signIn(result) }));

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      name="sms-sign-in"
      requiredMark={false}
      onFinish={(values) => login.mutate(values)}
    >
      <PhoneCodeFields purpose="login" form={form} />
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
