import { useMutation } from '@tanstack/react-query';
import { Alert, App, Card, Form } from 'antd';
import type { RouterInputs } from '@arya/api';
import { maskPhone } from '@arya/validators/phone';
import { useApplyUser } from '../../auth/use-apply-user';
import { ConfirmPasswordField } from '../../components/ConfirmPasswordField';
import { NewPasswordField } from '../../components/NewPasswordField';
import { SmsCodeForm } from '../../components/SmsCodeForm';
import { useI18n } from '../../i18n/I18nProvider';
import { useTRPC } from '../../lib/trpc';

type Values = RouterInputs['user']['setPasswordBySms'] & { confirmPassword: string };

/** An account made with a phone only has no current password to give: a code sent to its phone sets the first one. */
export function SetPasswordBySmsCard({ phone }: { phone: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const applyUser = useApplyUser();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const set = useMutation(
    trpc.user.setPasswordBySms.mutationOptions({
      onSuccess: () => {
        form.resetFields();
        applyUser((me) => ({ ...me, hasPassword: true }));
        void message.success(t('profile.passwordSet'));
      },
    }),
  );

  return (
    <Card title={t('profile.setPassword')}>
      <Alert
        type="info"
        showIcon
        title={t('profile.noPasswordYet', { phone: maskPhone(phone) })}
        style={{ marginBottom: 16 }}
      />
      <SmsCodeForm<Values>
        name="set-password"
        purpose="reset_password"
        form={form}
        fixedPhone={phone}
        style={{ maxWidth: 420 }}
        onFinish={(values) => set.mutate({ code: values.code, newPassword: values.newPassword })}
        submit={set}
        submitLabel={t('profile.setPassword')}
      >
        <NewPasswordField name="newPassword" label={t('auth.newPassword')} />
        <ConfirmPasswordField of="newPassword" />
      </SmsCodeForm>
    </Card>
  );
}
