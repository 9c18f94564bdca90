import { Alert, Button, Form, Input, Space, type FormInstance } from 'antd';
import type { RouterInputs } from '@arya/api';
import { phoneInputProblem } from '@arya/validators/phone';
import { SMS_CODE_LENGTH, SMS_CODE_PATTERN } from '@arya/validators/sms-code';
import { useI18n } from '../i18n/I18nProvider';
import { useCountdown } from '../lib/countdown';
import { describeError } from '../lib/errors';
import { useSmsSend } from '../lib/sms-send';
import { ErrorAlert } from './ErrorAlert';

type SmsPurpose = RouterInputs['sms']['send']['purpose'];

/**
 * A phone field and a code field with its send button. The button stays disabled with a live countdown for the
 * server's `resendAfterSeconds` — or for the wait a rate limit names — so nobody clicks into a refusal.
 * With `fixedPhone` (the signed-in user's own number) there is no phone field: the code goes to that number.
 * `phoneLabel` names the field where "Phone number" would not say which one (a new number replacing the bound one).
 */
export function PhoneCodeFields({
  purpose,
  form,
  fixedPhone,
  phoneLabel,
}: {
  purpose: SmsPurpose;
  form: FormInstance;
  fixedPhone?: string;
  phoneLabel?: string;
}) {
  const { t } = useI18n();
  const phoneName = phoneLabel ?? t('auth.phone');
  const { secondsLeft, start } = useCountdown();
  const send = useSmsSend({
    onSuccess: (result) => start(result.resendAfterSeconds),
    onError: (error) => {
      const wait = describeError(error, t).retryAfterSeconds;
      if (wait !== null) start(wait);
    },
  });
  const sendCode = async () => {
    if (fixedPhone !== undefined) {
      send.mutate({ phone: fixedPhone, purpose });
      return;
    }
    // An invalid phone is shown beside the field by the form; it is not an error to throw.
    const fields = await form.validateFields(['phone']).catch(() => null);
    if (fields) send.mutate({ phone: (fields as { phone: string }).phone, purpose });
  };

  return (
    <>
      {fixedPhone === undefined ? (
        <Form.Item
          label={phoneName}
          name="phone"
          rules={[
            { required: true, message: t('auth.required', { field: phoneName }) },
            {
              validator: async (_rule, value: string | undefined) => {
                if (value && phoneInputProblem(value)) throw new Error(t('auth.phoneInvalid'));
              },
            },
          ]}
        >
          <Input inputMode="tel" autoComplete="tel" placeholder="13800138000" />
        </Form.Item>
      ) : null}
      <Form.Item label={t('auth.code')} required>
        <Space.Compact style={{ width: '100%' }}>
          <Form.Item
            name="code"
            noStyle
            rules={[
              { required: true, message: t('auth.required', { field: t('auth.code') }) },
              { pattern: SMS_CODE_PATTERN, message: t('auth.codeInvalid') },
            ]}
          >
            <Input
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={SMS_CODE_LENGTH}
              aria-label={t('auth.code')}
            />
          </Form.Item>
          <Button
            onClick={() => void sendCode()}
            disabled={secondsLeft > 0}
            loading={send.isPending}
            aria-live="polite"
          >
            {send.verifying
              ? t('auth.verifying')
              : secondsLeft > 0
                ? t('auth.resendIn', { seconds: secondsLeft })
                : t('auth.sendCode')}
          </Button>
        </Space.Compact>
      </Form.Item>
      {send.data ? (
        <Form.Item>
          <Alert
            type="success"
            showIcon
            title={t('auth.codeSent', { minutes: Math.round(send.data.expiresInSeconds / 60) })}
          />
        </Form.Item>
      ) : null}
      {send.error ? (
        <Form.Item>
          <ErrorAlert error={send.error} secondsLeft={secondsLeft} />
        </Form.Item>
      ) : null}
    </>
  );
}
