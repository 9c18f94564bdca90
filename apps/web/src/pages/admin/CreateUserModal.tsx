import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Form, Input, Modal, Select, Typography } from 'antd';
import type { RouterInputs, RouterOutputs } from '@arya/api';
import { phoneInputProblem } from '@arya/validators/phone';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n/I18nProvider';
import { displayNameRule } from '../../lib/display-name-rule';
import { serverFieldErrors } from '../../lib/field-errors';
import { useTRPC } from '../../lib/trpc';
import { SetupLinkNotice } from './SetupLinkNotice';

type Values = RouterInputs['admin']['users']['create'];
type Created = RouterOutputs['admin']['users']['create'];

const INLINE_FIELDS = ['account', 'username'] as const;

const blankToUndefined = (value: string | undefined) => (value?.trim() ? value.trim() : undefined);

/**
 * 新建用户: an account name and/or a phone, a display name and a role. The account has no password; the dialog then
 * shows the one-time link that lets its owner set one.
 */
export function CreateUserModal({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<Values>();
  const create = useMutation(
    trpc.admin.users.create.mutationOptions({
      onSuccess: () => void queryClient.invalidateQueries({ queryKey: trpc.admin.pathKey() }),
      onError: (error) => form.setFields(serverFieldErrors(error, t, INLINE_FIELDS)),
    }),
  );
  const created: Created | undefined = create.data;
  const close = () => {
    form.resetFields();
    create.reset();
    onClose();
  };

  return (
    <Modal
      open={open}
      title={t('admin.createUser')}
      onCancel={close}
      destroyOnHidden
      footer={
        created ? (
          <Button type="primary" onClick={close}>
            {t('admin.done')}
          </Button>
        ) : (
          <>
            <Button onClick={close}>{t('admin.cancel')}</Button>
            <Button type="primary" loading={create.isPending} onClick={() => form.submit()}>
              {t('admin.createUserSubmit')}
            </Button>
          </>
        )
      }
    >
      {created ? (
        <SetupLinkNotice link={created.setupLink} hasPhone={created.user.phone !== null} />
      ) : (
        <Form<Values>
          form={form}
          layout="vertical"
          name="create-user"
          requiredMark={false}
          initialValues={{ role: 'user' }}
          onFinish={(values) =>
            create.mutate({
              account: blankToUndefined(values.account),
              username: blankToUndefined(values.username),
              phone: blankToUndefined(values.phone),
              role: values.role,
            })
          }
        >
          <Typography.Paragraph type="secondary">{t('admin.createUserHint')}</Typography.Paragraph>
          <Form.Item label={t('auth.optionalAccount')} name="account">
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item
            label={t('admin.optionalPhone')}
            name="phone"
            rules={[
              {
                validator: async (_rule, value: string | undefined) => {
                  if (value?.trim() && phoneInputProblem(value)) throw new Error(t('auth.phoneInvalid'));
                },
              },
            ]}
          >
            <Input inputMode="tel" autoComplete="off" placeholder="13800138000" />
          </Form.Item>
          <Form.Item label={t('profile.name')} name="username" rules={[displayNameRule(t)]}>
            <Input autoComplete="off" />
          </Form.Item>
          <Form.Item label={t('profile.role')} name="role">
            <Select
              options={[
                { value: 'user', label: t('role.user') },
                { value: 'admin', label: t('role.admin') },
              ]}
            />
          </Form.Item>
          {create.error && serverFieldErrors(create.error, t, INLINE_FIELDS).length === 0 ? (
            <ErrorAlert error={create.error} />
          ) : null}
        </Form>
      )}
    </Modal>
  );
}
