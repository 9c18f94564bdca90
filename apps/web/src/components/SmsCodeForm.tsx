import { Button, Form, type FormInstance } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
import type { RouterInputs } from '@arya/api';
import { ErrorAlert } from './ErrorAlert';
import { PhoneCodeFields } from './PhoneCodeFields';

/**
 * A form that proves a phone with an SMS code: the phone (none with `fixedPhone`), the code and its send button, the
 * form's own fields (`children`), the server's refusal of the submit, and the submit button. The SMS-code forms differ
 * only in those fields and the call they make.
 */
export function SmsCodeForm<Values extends { code: string }>({
  name,
  purpose,
  form,
  fixedPhone,
  phoneLabel,
  onFinish,
  submit,
  submitLabel,
  block = false,
  style,
  children,
}: {
  /** The form's name (antd prefixes the field ids with it). */
  name: string;
  purpose: RouterInputs['sms']['send']['purpose'];
  form: FormInstance<Values>;
  fixedPhone?: string;
  /** The phone field's label, when "Phone number" would not say which number. */
  phoneLabel?: string;
  onFinish: (values: Values) => void;
  /** The submit's mutation: its refusal is shown above the button, which spins while it runs. */
  submit: { error: unknown; isPending: boolean };
  submitLabel: string;
  /** A full-width button (the narrow sign-in cards). */
  block?: boolean;
  style?: CSSProperties;
  children?: ReactNode;
}) {
  return (
    <Form<Values> form={form} layout="vertical" name={name} requiredMark={false} style={style} onFinish={onFinish}>
      <PhoneCodeFields purpose={purpose} form={form} fixedPhone={fixedPhone} phoneLabel={phoneLabel} />
      {children}
      {submit.error ? (
        <Form.Item>
          <ErrorAlert error={submit.error} />
        </Form.Item>
      ) : null}
      <Button type="primary" htmlType="submit" block={block} loading={submit.isPending}>
        {submitLabel}
      </Button>
    </Form>
  );
}
