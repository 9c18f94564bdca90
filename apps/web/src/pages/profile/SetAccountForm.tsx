import { useMutation } from '@tanstack/react-query';
import { App, Button, Form, Input, Space, Typography } from 'antd';
import type { RouterInputs } from '@arya/api';
import { accountNameProblem, normaliseAccount } from '@arya/validators/account-name';
import { useApplyUser } from '../../auth/use-apply-user';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n/I18nProvider';
import { serverFieldErrors } from '../../lib/field-errors';
import { useTRPC } from '../../lib/trpc';

type Values = RouterInputs['user']['setAccount'];

const INLINE_FIELDS = ['account'] as const;

/** An account made with a phone only chooses its account name here, once; it then signs in with it by password. */
export function SetAccountForm() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const applyUser = useApplyUser();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const set = useMutation(
    trpc.user.setAccount.mutationOptions({
      onSuccess: (user) => {
        applyUser(user);
        void message.success(t('profile.accountSet'));
      },
      onError: (error) => form.setFields(serverFieldErrors(error, t, INLINE_FIELDS)),
    }),
  );

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      name="set-account"
      requiredMark={false}
      onFinish={(values) => set.mutate(values)}
    >
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
              {
                // Length and characters here; the server names a script mix or a look-alike beside the field.
                validator: async (_rule, value: string | undefined) => {
                  const problem = value ? accountNameProblem(normaliseAccount(value)) : null;
                  if (problem && problem.kind !== 'mixedScripts') throw new Error(t('profile.accountRule'));
                },
              },
            ]}
          >
            <Input autoComplete="username" aria-label={t('profile.chooseAccount')} />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={set.isPending}>
            {t('profile.save')}
          </Button>
        </Space.Compact>
      </Form.Item>
      {set.error && serverFieldErrors(set.error, t, INLINE_FIELDS).length === 0 ? (
        <Form.Item>
          <ErrorAlert error={set.error} />
        </Form.Item>
      ) : null}
    </Form>
  );
}
