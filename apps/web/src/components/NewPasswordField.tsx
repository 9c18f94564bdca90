import { Form, Input, Progress, Typography } from 'antd';
import type { Rule } from 'antd/es/form';
import { passwordLengthProblem, utf8Length } from '@arya/validators/password';
import { useI18n } from '../i18n/I18nProvider';
import { passwordStrength, type PasswordStrength } from '../lib/password-strength';

const strengthPercent: Record<PasswordStrength, number> = { weak: 33, fair: 66, strong: 100 };
const strengthColour: Record<PasswordStrength, string> = { weak: '#cf1322', fair: '#d48806', strong: '#389e0d' };

/**
 * A new password with the server's rules shown before submit: the byte length (a Chinese character is 3 bytes) and a
 * strength hint update as the person types; the form refuses lengths the server would refuse.
 */
export function NewPasswordField({
  name,
  label,
  optional = false,
}: {
  name: string;
  label: string;
  optional?: boolean;
}) {
  const { t } = useI18n();
  const form = Form.useFormInstance();
  const value = (Form.useWatch(name, form) as string | undefined) ?? '';

  const rules: Rule[] = [
    { required: !optional, message: t('auth.required', { field: label }) },
    {
      validator: async (_rule, input: string | undefined) => {
        if (!input) return;
        const problem = passwordLengthProblem(input);
        if (problem?.kind === 'tooShort') throw new Error(t('password.tooShort', problem));
        if (problem?.kind === 'tooLong') throw new Error(t('password.tooLong', problem));
      },
    },
  ];
  return (
    <>
      <Form.Item label={label} name={name} rules={rules} extra={t('password.rules')}>
        <Input.Password
          autoComplete="new-password"
          suffix={
            value ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }} aria-live="polite">
                {utf8Length(value)} B
              </Typography.Text>
            ) : undefined
          }
        />
      </Form.Item>
      <PasswordStrengthBar name={name} />
    </>
  );
}

function PasswordStrengthBar({ name }: { name: string }) {
  const { t } = useI18n();
  const form = Form.useFormInstance();
  const value = (Form.useWatch(name, form) as string | undefined) ?? '';
  if (!value) return null;
  const strength = passwordStrength(value);
  return (
    <div style={{ marginTop: -16, marginBottom: 16 }} aria-live="polite">
      <Progress
        percent={strengthPercent[strength]}
        showInfo={false}
        size="small"
        strokeColor={strengthColour[strength]}
        aria-label={`${t('password.strength')}: ${t(`password.${strength}`)}`}
      />
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('password.strength')}: {t(`password.${strength}`)}
      </Typography.Text>
    </div>
  );
}
