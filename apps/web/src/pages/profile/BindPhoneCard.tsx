import { useMutation } from '@tanstack/react-query';
import { App, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import type { RouterInputs } from '@arya/api';
import { maskPhone } from '@arya/validators/phone';
import { useApplyUser } from '../../auth/use-apply-user';
import { SmsCodeForm } from '../../components/SmsCodeForm';
import { useScreenI18n } from '../../i18n/screen-i18n';
import { useTRPC } from '../../lib/trpc';
import { phoneCardMessages } from './phone-card-messages';

type Values = RouterInputs['user']['bindPhone'];

/**
 * Bind a phone, or change the bound one (shown masked): a code sent to the new number plus the current password
 * (re-authentication). An account without a password is pointed at setting one first (the card above), instead of a
 * form it cannot complete.
 */
export function BindPhoneCard({ phone, hasPassword }: { phone: string | null; hasPassword: boolean }) {
  const { t } = useScreenI18n(phoneCardMessages);
  const trpc = useTRPC();
  const applyUser = useApplyUser();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const changing = phone !== null;
  // A new form after each change: the sent-code notice and its countdown belonged to the number just bound.
  const [round, setRound] = useState(0);
  const bind = useMutation(
    trpc.user.bindPhone.mutationOptions({
      onSuccess: (user) => {
        applyUser(user);
        form.resetFields();
        setRound((n) => n + 1);
        void message.success(t(changing ? 'profile.phoneChanged' : 'profile.phoneBound'));
      },
    }),
  );

  const title = t(changing ? 'profile.changePhone' : 'profile.bindPhone');
  const current = changing ? (
    <Typography.Paragraph>{t('profile.currentPhone', { phone: maskPhone(phone) })}</Typography.Paragraph>
  ) : null;
  if (!hasPassword) {
    return (
      <Card title={title}>
        {current}
        <Typography.Text type="secondary">{t('profile.bindPhoneNeedsPassword')}</Typography.Text>
      </Card>
    );
  }
  return (
    <Card title={title}>
      {current}
      {changing ? <Typography.Paragraph type="secondary">{t('profile.changePhoneHint')}</Typography.Paragraph> : null}
      <SmsCodeForm<Values>
        key={round}
        name="bind-phone"
        purpose="bind_phone"
        form={form}
        phoneLabel={changing ? t('profile.newPhone') : undefined}
        style={{ maxWidth: 420 }}
        onFinish={(values) => bind.mutate(values)}
        submit={bind}
        submitLabel={t(changing ? 'profile.changePhone' : 'profile.bindPhoneSubmit')}
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
