import { useMutation, useQuery } from '@tanstack/react-query';
import { Form, Input, Skeleton, Typography } from 'antd';
import { Link } from 'react-router';
import { useSessionStore } from '../../auth/SessionProvider';
import { ErrorAlert } from '../../components/ErrorAlert';
import { NewPasswordField } from '../../components/NewPasswordField';
import { SmsCodeForm } from '../../components/SmsCodeForm';
import { useScreenI18n } from '../../i18n/screen-i18n';
import { displayNameRule } from '../../lib/display-name-rule';
import { serverFieldErrors } from '../../lib/field-errors';
import { useTRPC } from '../../lib/trpc';
import { AuthCard } from './AuthCard';
import { RegistrationClosed } from './RegistrationClosed';
import { signUpMessages } from './sign-up-messages';

interface Values {
  phone: string;
  code: string;
  account?: string;
  username?: string;
  password?: string;
}

const INLINE_FIELDS = ['account', 'username'] as const;

const blankToUndefined = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);

/**
 * Sign up with a phone and its SMS code; an account name and password are optional (they add password sign-in).
 * With registration closed the screen says so and who creates accounts instead.
 */
export default function SignUpPage() {
  const { t } = useScreenI18n(signUpMessages);
  const trpc = useTRPC();
  const mode = useQuery(trpc.auth.registrationMode.queryOptions());
  const session = useSessionStore();
  const [form] = Form.useForm<Values>();
  const register = useMutation(
    trpc.auth.register.mutationOptions({
      onSuccess: (result) => session.signIn(result),
      // A taken, look-alike or mixed-script account name shows beside the account field.
      onError: (error) => form.setFields(serverFieldErrors(error, t, INLINE_FIELDS)),
    }),
  );
  const account = Form.useWatch('account', form);

  return (
    <AuthCard title={t('auth.signUpTitle')} footer={<Link to="/sign-in">{t('auth.backToSignIn')}</Link>}>
      {mode.isPending ? <Skeleton active /> : null}
      {mode.data?.mode === 'closed' ? <RegistrationClosed /> : null}
      {mode.error ? <ErrorAlert error={mode.error} onRetry={() => void mode.refetch()} /> : null}
      {mode.data?.mode === 'open' ? (
        <SmsCodeForm<Values>
          name="sign-up"
          purpose="register"
          form={form}
          onFinish={(values) =>
            register.mutate({
              phone: values.phone,
              code: values.code,
              account: blankToUndefined(values.account),
              password: values.password || undefined,
              username: blankToUndefined(values.username),
            })
          }
          // a refusal about the account name shows beside that field (onError), not again above the button
          submit={{
            error: serverFieldErrors(register.error, t, INLINE_FIELDS).length === 0 ? register.error : null,
            isPending: register.isPending,
          }}
          submitLabel={t('auth.signUp')}
          block
        >
          <Typography.Paragraph type="secondary">{t('auth.optionalHint')}</Typography.Paragraph>
          <Form.Item label={t('auth.optionalAccount')} name="account">
            <Input autoComplete="username" />
          </Form.Item>
          <NewPasswordField name="password" label={t('auth.optionalPassword')} optional={!blankToUndefined(account)} />
          <Form.Item label={t('auth.optionalName')} name="username" rules={[displayNameRule(t)]}>
            <Input autoComplete="name" />
          </Form.Item>
        </SmsCodeForm>
      ) : null}
    </AuthCard>
  );
}
