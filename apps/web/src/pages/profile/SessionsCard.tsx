import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Grid, Popconfirm, Table, Tag, Typography, type TableColumnsType } from 'antd';
import type { RouterOutputs } from '@arya/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LONG_TEXT, useActionsColumn } from '../../components/PagedTable';
import { useI18n } from '../../i18n/I18nProvider';
import { describeUserAgent, formatDateTime } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';

type SessionRow = RouterOutputs['user']['sessions'][number];

export function SessionsCard() {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { message } = App.useApp();
  const sessions = useQuery(trpc.user.sessions.queryOptions());
  const refreshList = () => queryClient.invalidateQueries({ queryKey: trpc.user.sessions.queryKey() });

  const revokeOne = useMutation(
    trpc.user.revokeSession.mutationOptions({
      onSuccess: () => {
        void message.success(t('profile.sessionSignedOut'));
        void refreshList();
      },
    }),
  );
  const revokeOthers = useMutation(
    trpc.user.revokeOtherSessions.mutationOptions({
      onSuccess: (result) => {
        void message.success(t('profile.signedOutOthers', { count: result.revokedSessions }));
        void refreshList();
      },
    }),
  );

  const actions = useActionsColumn<SessionRow>((row) =>
    row.current ? null : (
      <Button
        size="small"
        danger
        loading={revokeOne.isPending && revokeOne.variables.sessionId === row.id}
        onClick={() => revokeOne.mutate({ sessionId: row.id })}
      >
        {t('profile.signOutThis')}
      </Button>
    ),
  );
  // On a phone the time goes under the device: beside it, it would sit under the pinned actions.
  const phone = !(Grid.useBreakpoint().sm ?? true);
  const columns: TableColumnsType<SessionRow> = [
    {
      title: t('profile.device'),
      key: 'device',
      render: (_value, row) => (
        <div style={phone ? LONG_TEXT : undefined}>
          {describeUserAgent(row.userAgent) ?? t('profile.unknownDevice')}{' '}
          {row.current ? <Tag color="blue">{t('profile.thisDevice')}</Tag> : null}
          {phone ? (
            <Typography.Text type="secondary" style={{ display: 'block' }}>
              {formatDateTime(row.lastUsedAt, locale)}
            </Typography.Text>
          ) : null}
        </div>
      ),
    },
    {
      title: t('profile.ip'),
      dataIndex: 'ip',
      key: 'ip',
      render: (ip: string | null) => ip ?? '—',
      responsive: ['md'],
    },
    {
      title: t('profile.lastUsed'),
      dataIndex: 'lastUsedAt',
      key: 'lastUsedAt',
      render: (at: string) => formatDateTime(at, locale),
      responsive: ['sm'],
    },
    actions,
  ];

  const others = (sessions.data ?? []).filter((row) => !row.current).length;
  return (
    <Card
      title={t('profile.sessions')}
      extra={
        <Popconfirm
          title={t('profile.confirmSignOutOthers')}
          onConfirm={() => revokeOthers.mutate()}
          disabled={others === 0}
        >
          <Button danger disabled={others === 0} loading={revokeOthers.isPending}>
            {t('profile.signOutOthers')}
          </Button>
        </Popconfirm>
      }
    >
      {sessions.error ? <ErrorAlert error={sessions.error} onRetry={() => void sessions.refetch()} /> : null}
      {revokeOne.error ? <ErrorAlert error={revokeOne.error} /> : null}
      {revokeOthers.error ? <ErrorAlert error={revokeOthers.error} /> : null}
      <Table<SessionRow>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={sessions.data ?? []}
        loading={sessions.isPending}
        pagination={false}
        locale={{ emptyText: t('profile.noSessions') }}
        scroll={{ x: 'max-content' }}
      />
    </Card>
  );
}
