import { App, Button, Popconfirm, Select } from 'antd';
import { USER_ROLES } from '@arya/validators/enums';
import { useSession } from '../../auth/SessionProvider';
import { useI18n } from '../../i18n/I18nProvider';
import { userLabel, userStatus, type AdminUser } from './user-status';
import { useUserActions } from './useUserActions';

/**
 * The role picker and the disable/enable and revoke buttons for one user (none for yourself), unwrapped: the list's
 * actions column and the detail page lay them out.
 */
export function UserActions({ user }: { user: AdminUser }) {
  const { t } = useI18n();
  const session = useSession();
  const { modal } = App.useApp();
  const { setDisabled, setRole, revokeSessions } = useUserActions();
  const self = session.status === 'signedIn' && session.user.id === user.id;
  const status = userStatus(user);
  const label = userLabel(user);
  // A role change asks first, as 停用 does: it grants or takes away the rights to every user and run.
  const confirmRole = (role: AdminUser['role']) =>
    modal.confirm({
      title: t('admin.confirmRole', { account: label, role: t(role === 'admin' ? 'role.admin' : 'role.user') }),
      content: t(role === 'admin' ? 'admin.confirmRoleAdmin' : 'admin.confirmRoleUser'),
      okText: t('admin.confirmOk'),
      cancelText: t('admin.cancel'),
      onOk: () => setRole.mutateAsync({ userId: user.id, role }),
    });

  return (
    <>
      <Select
        size="small"
        value={user.role}
        disabled={self || status === 'deleted'}
        aria-label={t('admin.roleFor', { account: label })}
        style={{ width: 110 }}
        loading={setRole.isPending}
        onChange={(role) => confirmRole(role)}
        options={USER_ROLES.map((role) => ({ value: role, label: t(`role.${role}`) }))}
      />
      {status === 'disabled' ? (
        <Button
          size="small"
          disabled={self}
          loading={setDisabled.isPending}
          onClick={() => setDisabled.mutate({ userId: user.id, disabled: false })}
        >
          {t('admin.enable')}
        </Button>
      ) : (
        <Popconfirm
          title={t('admin.confirmDisable', { account: label })}
          onConfirm={() => setDisabled.mutate({ userId: user.id, disabled: true })}
          disabled={self || status === 'deleted'}
        >
          <Button size="small" danger disabled={self || status === 'deleted'} loading={setDisabled.isPending}>
            {t('admin.disable')}
          </Button>
        </Popconfirm>
      )}
      <Popconfirm
        title={t('admin.confirmRevoke', { account: label })}
        onConfirm={() => revokeSessions.mutate({ userId: user.id })}
        disabled={self}
      >
        <Button size="small" disabled={self} loading={revokeSessions.isPending}>
          {t('admin.revokeSessions')}
        </Button>
      </Popconfirm>
    </>
  );
}
