import { useMutation } from '@tanstack/react-query';
import { Form } from 'antd';
import type { RouterInputs } from '@arya/api';
import { useSessionStore } from '../../auth/SessionProvider';
import { SmsCodeForm } from '../../components/SmsCodeForm';
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
    <SmsCodeForm<Values>
      name="sms-sign-in"
      purpose="login"
      form={form}
      onFinish={(values) => login.mutate(values)}
      submit={login}
      submitLabel={t('auth.signIn')}
      block
    />
  );
}
