import { useMutation } from '@tanstack/react-query';
import { Button, Card, Descriptions, Form, Input, Space, Tag, App } from 'antd';
import type { RouterOutputs } from '@arya/api';
import { maskPhone } from '@arya/validators/phone';
import { useApplyUser } from '../../auth/use-apply-user';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n/I18nProvider';
import { displayNameRule } from '../../lib/display-name-rule';
import { formatDateTime } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { SetAccountForm } from './SetAccountForm';

type Me = RouterOutputs['user']['me'];

export function ProfileDetails({ me }: { me: Me }) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const applyUser = useApplyUser();
  const { message } = App.useApp();
  const update = useMutation(
    trpc.user.updateProfile.mutationOptions({
      onSuccess: (user) => {
        applyUser(user);
        void message.success(t('profile.saved'));
      },
    }),
  );

  return (
    <Card title={t('profile.title')}>
      <Descriptions column={{ xs: 1, md: 2 }} size="small" style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('profile.account')}>{me.account ?? t('profile.none')}</Descriptions.Item>
        <Descriptions.Item label={t('profile.phone')}>
          {me.phone ? (
            <Space>
              {maskPhone(me.phone)}
              {me.phoneVerifiedAt ? <Tag color="green">{t('profile.verified')}</Tag> : null}
            </Space>
          ) : (
            t('profile.none')
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('profile.role')}>
          {t(me.role === 'admin' ? 'role.admin' : 'role.user')}
        </Descriptions.Item>
        <Descriptions.Item label={t('profile.createdAt')}>{formatDateTime(me.createdAt, locale)}</Descriptions.Item>
      </Descriptions>
      {me.account === null ? <SetAccountForm /> : null}
      <Form
        layout="vertical"
        name="profile"
        initialValues={{ username: me.username ?? '' }}
        onFinish={(values: { username: string }) => update.mutate({ username: values.username.trim() || null })}
        style={{ maxWidth: 420 }}
      >
        <Form.Item label={t('profile.name')} name="username" rules={[displayNameRule(t)]}>
          <Input autoComplete="name" />
        </Form.Item>
        {update.error ? (
          <Form.Item>
            <ErrorAlert error={update.error} />
          </Form.Item>
        ) : null}
        <Button type="primary" htmlType="submit" loading={update.isPending}>
          {t('profile.save')}
        </Button>
      </Form>
    </Card>
  );
}
