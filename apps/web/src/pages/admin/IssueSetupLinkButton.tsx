import { useMutation } from '@tanstack/react-query';
import { Button, Modal, Popconfirm } from 'antd';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n/I18nProvider';
import { useTRPC } from '../../lib/trpc';
import { SetupLinkNotice } from './SetupLinkNotice';
import { userLabel, type AdminUser } from './user-status';

/**
 * A fresh one-time set-password link for a user (a new hire who lost theirs, or someone locked out without a phone).
 */
export function IssueSetupLinkButton({ user }: { user: AdminUser }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const issue = useMutation(trpc.admin.users.issueSetupLink.mutationOptions());
  return (
    <>
      <Popconfirm
        title={t('admin.confirmIssueSetupLink', { account: userLabel(user) })}
        onConfirm={() => issue.mutate({ userId: user.id })}
      >
        <Button size="small" loading={issue.isPending}>
          {t('admin.issueSetupLink')}
        </Button>
      </Popconfirm>
      <Modal
        open={issue.data !== undefined || issue.error !== null}
        title={t('admin.issueSetupLink')}
        onCancel={() => issue.reset()}
        footer={
          <Button type="primary" onClick={() => issue.reset()}>
            {t('admin.done')}
          </Button>
        }
      >
        {issue.data ? <SetupLinkNotice link={issue.data} hasPhone={user.phone !== null} /> : null}
        {issue.error ? <ErrorAlert error={issue.error} /> : null}
      </Modal>
    </>
  );
}
