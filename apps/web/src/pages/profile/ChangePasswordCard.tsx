import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Form, Input } from 'antd';
import type { RouterInputs } from '@arya/api';
import { ConfirmPasswordField } from '../../components/ConfirmPasswordField';
import { ErrorAlert } from '../../components/ErrorAlert';
import { NewPasswordField } from '../../components/NewPasswordField';
import { useI18n } from '../../i18n/I18nProvider';
import { useTRPC } from '../../lib/trpc';

type Values = RouterInputs['user']['changePassword'] & { confirmPassword: string };

export function ChangePasswordCard() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const change = useMutation(
    trpc.user.changePassword.mutationOptions({
      onSuccess: (result) => {
        form.resetFields();
        void queryClient.invalidateQueries({ queryKey: trpc.user.sessions.queryKey() });
        void message.success(t('profile.passwordChanged', { count: result.revokedSessions }));
      },
    }),
  );

  return (
    <Card title={t('profile.changePassword')}>
      <Form<Values>
        form={form}
        layout="vertical"
        name="change-password"
        requiredMark={false}
        style={{ maxWidth: 420 }}
        onFinish={(values) =>
          change.mutate({ currentPassword: values.currentPassword, newPassword: values.newPassword })
        }
      >
        <Form.Item
          label={t('password.current')}
          name="currentPassword"
          rules={[{ required: true, message: t('auth.required', { field: t('password.current') }) }]}
        >
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <NewPasswordField name="newPassword" label={t('auth.newPassword')} />
        <ConfirmPasswordField of="newPassword" />
        {change.error ? (
          <Form.Item>
            <ErrorAlert error={change.error} />
          </Form.Item>
        ) : null}
        <Button type="primary" htmlType="submit" loading={change.isPending}>
          {t('profile.changePassword')}
        </Button>
      </Form>
    </Card>
  );
}
