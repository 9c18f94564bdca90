import { useQuery } from '@tanstack/react-query';
import { Card, Descriptions, Flex, Skeleton, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { Link, useParams } from 'react-router';
import type { RouterOutputs } from '@arya/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { cursorPaging, PagedTable } from '../../components/PagedTable';
import { auditMessageKey } from '../../i18n/audit-messages';
import { useScreenI18n } from '../../i18n/screen-i18n';
import { describeUserAgent, formatDateTime } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { IssueSetupLinkButton } from './IssueSetupLinkButton';
import { userDetailMessages } from './user-detail-messages';
import { statusColour, userLabel, userStatus } from './user-status';
import { UserActions } from './UserActions';

type AuditEntry = RouterOutputs['admin']['users']['auditLog']['items'][number];
type LiveSession = RouterOutputs['admin']['users']['get']['sessions'][number];

/** The card's title names the person: display name and account, else whatever identifies them. */
function userTitle(user: RouterOutputs['admin']['users']['get']['user']): string {
  return user.username && user.account ? `${user.username}（${user.account}）` : (user.username ?? userLabel(user));
}

export default function UserDetailPage() {
  const { userId = '' } = useParams();
  const { t, locale } = useScreenI18n(userDetailMessages);
  const trpc = useTRPC();
  const detail = useQuery(trpc.admin.users.get.queryOptions({ userId }));

  const sessionColumns: TableColumnsType<LiveSession> = [
    {
      title: t('profile.device'),
      key: 'device',
      render: (_v, s) => describeUserAgent(s.userAgent) ?? t('profile.unknownDevice'),
    },
    { title: t('profile.ip'), dataIndex: 'ip', key: 'ip', render: (ip: string | null) => ip ?? '—' },
    {
      title: t('profile.lastUsed'),
      dataIndex: 'lastUsedAt',
      key: 'lastUsedAt',
      render: (at: string) => formatDateTime(at, locale),
    },
  ];
  const auditColumns: TableColumnsType<AuditEntry> = [
    {
      title: t('admin.time'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      // date and time over two lines on a phone, so the actor's column fits beside the event
      render: (at: string) => <div style={{ maxWidth: 'min(240px, 30vw)' }}>{formatDateTime(at, locale)}</div>,
    },
    {
      title: t('admin.action'),
      dataIndex: 'action',
      key: 'action',
      render: (action: string) => {
        const key = auditMessageKey(action);
        return key ? t(key) : t('admin.unknownEvent', { action });
      },
    },
    {
      title: t('admin.actor'),
      dataIndex: 'actorAccount',
      key: 'actor',
      render: (actor: string | null) => actor ?? '—',
    },
    {
      title: t('profile.ip'),
      dataIndex: 'ip',
      key: 'ip',
      render: (ip: string | null) => ip ?? '—',
      responsive: ['md'],
    },
  ];

  return (
    <Flex vertical gap={16}>
      <Link to="/admin/users">← {t('admin.back')}</Link>
      <Card title={detail.data ? userTitle(detail.data.user) : t('admin.details')}>
        {detail.isPending ? <Skeleton active /> : null}
        {detail.error ? <ErrorAlert error={detail.error} onRetry={() => void detail.refetch()} /> : null}
        {detail.data ? (
          <>
            <Descriptions column={{ xs: 1, md: 2 }} size="small" style={{ marginBottom: 16 }}>
              <Descriptions.Item label={t('profile.account')}>{detail.data.user.account ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('profile.name')}>{detail.data.user.username ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('profile.phone')}>{detail.data.user.phone ?? '—'}</Descriptions.Item>
              <Descriptions.Item label={t('admin.status')}>
                <Tag color={statusColour[userStatus(detail.data.user)]}>
                  {t(`admin.status.${userStatus(detail.data.user)}`)}
                </Tag>
              </Descriptions.Item>
              <Descriptions.Item label={t('profile.createdAt')}>
                {formatDateTime(detail.data.user.createdAt, locale)}
              </Descriptions.Item>
            </Descriptions>
            {/* a Flex, not a Space: its gap reaches each of the actions UserActions renders side by side */}
            <Flex wrap gap={8} align="center">
              <UserActions user={detail.data.user} />
              {userStatus(detail.data.user) === 'deleted' ? null : <IssueSetupLinkButton user={detail.data.user} />}
              <Link to={`/bom/runs?owner=${detail.data.user.id}`}>{t('admin.bomRuns')}</Link>
            </Flex>
            <Typography.Title level={5} style={{ marginTop: 24 }}>
              {t('admin.liveSessions')}
            </Typography.Title>
            <Table<LiveSession>
              rowKey="id"
              size="small"
              columns={sessionColumns}
              dataSource={detail.data.sessions}
              pagination={false}
              locale={{ emptyText: t('admin.noLiveSessions') }}
              scroll={{ x: 'max-content' }}
            />
          </>
        ) : null}
      </Card>
      <Card title={t('admin.auditLog')}>
        <PagedTable
          query={trpc.admin.users.auditLog.infiniteQueryOptions({ userId, limit: 20 }, cursorPaging)}
          rowKey="id"
          columns={auditColumns}
          emptyText={t('admin.noAudit')}
        />
      </Card>
    </Flex>
  );
}
