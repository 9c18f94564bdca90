import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Space, Typography } from 'antd';
import type { RouterInputs } from '@arya/api';
import { useSessionStore } from '../../auth/SessionProvider';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n/I18nProvider';
import { useTRPC } from '../../lib/trpc';

type Values = RouterInputs['user']['setAccount'];

/** An account made with a phone only chooses its account name here, once; it then signs in with it by password. */
export function SetAccountForm() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const session = useSessionStore();
  const { message } = App.useApp();
  const set = useMutation(
    trpc.user.setAccount.mutationOptions({
      onSuccess: (user) => {
        queryClient.setQueryData(trpc.user.me.queryKey(), user);
        session.updateUser(user);
        void message.success(t('profile.accountSet'));
      },
    }),
  );

  return (
    <Form<Values> layout="vertical" name="set-account" requiredMark={false} onFinish={(values) => set.mutate(values)}>
      <Form.Item
        label={t('profile.chooseAccount')}
        extra={<Typography.Text type="secondary">{t('profile.chooseAccountHint')}</Typography.Text>}
        required
      >
        <Space.Compact style={{ width: '100%', maxWidth: 420 }}>
          <Form.Item
            name="account"
            noStyle
            rules={[
              { required: true, message: t('auth.required', { field: t('auth.account') }) },
              { min: 3, max: 64, message: t('profile.accountRule') },
              { pattern: /^[\p{L}\p{N}._@+-]+$/u, message: t('profile.accountRule') },
            ]}
          >
            <Input autoComplete="username" aria-label={t('profile.chooseAccount')} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={set.isPending}>
            {t('profile.save')}
          </Button>
        </Space.Compact>
      </Form.Item>
      {set.error ? (
        <Form.Item>
          <ErrorAlert error={set.error} />
        </Form.Item>
      ) : null}
    </Form>
  );
}
