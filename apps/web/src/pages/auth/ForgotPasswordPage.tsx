import { useMutation } from '@tanstack/react-query';
import { Form } from 'antd';
import { Link, useNavigate } from 'react-router';
import type { RouterInputs } from '@arya/api';
import { NewPasswordField } from '../../components/NewPasswordField';
import { SmsCodeForm } from '../../components/SmsCodeForm';
import { useI18n } from '../../i18n/I18nProvider';
import { useTRPC } from '../../lib/trpc';
import { AuthCard } from './AuthCard';

type Values = RouterInputs['auth']['resetPassword'];

export interface ResetDoneState {
  passwordReset: true;
}

/** Reset by SMS: the code proves the phone; the server then ends every session of that account. */
export default function ForgotPasswordPage() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const reset = useMutation(
    trpc.auth.resetPassword.mutationOptions({
      onSuccess: () => void navigate('/sign-in', { state: { passwordReset: true } satisfies ResetDoneState }),
    }),
  );

  return (
    <AuthCard title={t('auth.resetTitle')} footer={<Link to="/sign-in">{t('auth.backToSignIn')}</Link>}>
      <SmsCodeForm<Values>
        name="reset-password"
        purpose="reset_password"
        form={form}
        onFinish={(values) => reset.mutate(values)}
        submit={reset}
        submitLabel={t('auth.resetSubmit')}
        block
      >
        <NewPasswordField name="newPassword" label={t('auth.newPassword')} />
      </SmsCodeForm>
    </AuthCard>
  );
}
