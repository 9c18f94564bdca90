import { useMutation } from '@tanstack/react-query';
import { App, Card, Form, Input, Typography } from 'antd';
import type { RouterInputs } from '@arya/api';
import { useApplyUser } from '../../auth/use-apply-user';
import { SmsCodeForm } from '../../components/SmsCodeForm';
import { useI18n } from '../../i18n/I18nProvider';
import { useTRPC } from '../../lib/trpc';

type Values = RouterInputs['user']['bindPhone'];

/**
 * Bind or change the phone: a code sent to the new number plus the current password (re-authentication). An account
 * without a password is pointed at setting one first (the card above), instead of a form it cannot complete.
 */
export function BindPhoneCard({ hasPassword }: { hasPassword: boolean }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const applyUser = useApplyUser();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const bind = useMutation(
    trpc.user.bindPhone.mutationOptions({
      onSuccess: (user) => {
        applyUser(user);
        form.resetFields();
        void message.success(t('profile.phoneBound'));
      },
    }),
  );

  if (!hasPassword) {
    return (
      <Card title={t('profile.bindPhone')}>
        <Typography.Text type="secondary">{t('profile.bindPhoneNeedsPassword')}</Typography.Text>
      </Card>
    );
  }
  return (
    <Card title={t('profile.bindPhone')}>
      <SmsCodeForm<Values>
        name="bind-phone"
        purpose="bind_phone"
        form={form}
        style={{ maxWidth: 420 }}
        onFinish={(values) => bind.mutate(values)}
        submit={bind}
        submitLabel={t('profile.bindPhoneSubmit')}
      >
        <Form.Item
          label={t('password.current')}
          name="password"
          rules={[{ required: true, message: t('auth.required', { field: t('password.current') }) }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
      </SmsCodeForm>
    </Card>
  );
}
