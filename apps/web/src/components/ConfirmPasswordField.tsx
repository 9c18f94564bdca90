import { Form, Input } from 'antd';
import { useI18n } from '../i18n/I18nProvider';

/** The new password typed again; refuses a mismatch with the field named `of`. */
export function ConfirmPasswordField({ of }: { of: string }) {
  const { t } = useI18n();
  return (
    <Form.Item
      label={t('password.confirm')}
      name="confirmPassword"
      dependencies={[of]}
      rules={[
        { required: true, message: t('auth.required', { field: t('password.confirm') }) },
        ({ getFieldValue }) => ({
          validator: async (_rule, value: string | undefined) => {
            if (value && value !== getFieldValue(of)) throw new Error(t('password.mismatch'));
          },
        }),
      ]}
    >
      <Input.Password autoComplete="new-password" />
    </Form.Item>
  );
}
