import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input, Typography } from 'antd';
import type { RouterInputs } from '@arya/api';
import { useSessionStore } from '../../auth/SessionProvider';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PhoneCodeFields } from '../../components/PhoneCodeFields';
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
  const queryClient = useQueryClient();
  const session = useSessionStore();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const bind = useMutation(
    trpc.user.bindPhone.mutationOptions({
      onSuccess: (user) => {
        queryClient.setQueryData(trpc.user.me.queryKey(), user);
        session.updateUser(user);
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
      <Form<Values>
        form={form}
        layout="vertical"
        name="bind-phone"
        requiredMark={false}
        style={{ maxWidth: 420 }}
        onFinish={(values) => bind.mutate(values)}
      >
        <PhoneCodeFields purpose="bind_phone" form={form} />
        <Form.Item
          label={t('password.current')}
          name="password"
          rules={[{ required: true, message: t('auth.required', { field: t('password.current') }) }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        {bind.error ? (
          <Form.Item>
            <ErrorAlert error={bind.error} />
          </Form.Item>
        ) : null}
        <Button type="primary" htmlType="submit" loading={bind.isPending}>
          {t('profile.bindPhoneSubmit')}
        </Button>
      </Form>
    </Card>
  );
}
