import { DownloadOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Popconfirm, Segmented, Space, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { RouterOutputs } from '@arya/api';
import { BOM_RUN_STATUSES } from '@arya/validators/enums';
import { useSession } from '../../auth/SessionProvider';
import { cursorPaging, LONG_TEXT, PagedTable } from '../../components/PagedTable';
import { useI18n } from '../../i18n/I18nProvider';
import { describeError } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { useTRPC, useTRPCClient } from '../../lib/trpc';
import { saveBase64 } from './download';
import { OpCountTags } from './OpCountTags';
import { ownerLabel, userAsOwner } from './owner-label';
import { runStatusColour, type RunStatus } from './run-labels';

type RunItem = RouterOutputs['bom']['runs']['list']['items'][number];
type StatusFilter = RunStatus | 'all';

/** History of runs (an admin sees everyone's), with the template download and the way to a new run. */
export default function RunsPage() {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const session = useSession();
  const { message } = App.useApp();
  const [status, setStatus] = useState<StatusFilter>('all');
  const isAdmin = session.status === 'signedIn' && session.user.role === 'admin';
  // Admins may narrow the history to one owner (?owner=<user id>), e.g. from a user's admin page.
  const [searchParams, setSearchParams] = useSearchParams();
  const ownerId = isAdmin ? (searchParams.get('owner') ?? undefined) : undefined;
  // ?file=<upload id>: the runs made from one upload (the where-used screen links here)
  const fileId = searchParams.get('file') ?? undefined;
  const upload = useQuery(trpc.bom.files.get.queryOptions({ fileId: fileId ?? '' }, { enabled: fileId !== undefined }));

  // The filter names the person as the Owner column does (never by their whole phone), whether or not they have runs.
  const owner = useQuery(
    trpc.admin.users.get.queryOptions({ userId: ownerId ?? '' }, { enabled: ownerId !== undefined }),
  );
  const remove = useMutation(
    trpc.bom.runs.delete.mutationOptions({
      onSuccess: () => {
        void message.success(t('bom.runs.deleted'));
        void queryClient.invalidateQueries({ queryKey: trpc.bom.runs.list.pathKey() });
      },
      onError: (error) => void message.error(describeError(error, t).message),
    }),
  );
  const template = useMutation({
    mutationFn: () => client.bom.template.query(),
    onSuccess: (file) => saveBase64(file.base64, file.fileName, file.contentType),
    onError: (error) => void message.error(describeError(error, t).message),
  });

  const columns: TableColumnsType<RunItem> = [
    {
      title: t('bom.runs.file'),
      key: 'file',
      render: (_v, run) => (
        <Link to={`/bom/runs/${run.runId}`} style={{ display: 'block', ...LONG_TEXT }}>
          {run.bomFile.name}
        </Link>
      ),
    },
    {
      title: t('bom.log.status'),
      dataIndex: 'status',
      key: 'status',
      render: (value: RunStatus) => <Tag color={runStatusColour[value]}>{t(`bom.status.${value}`)}</Tag>,
    },
    {
      title: t('bom.rowsChanged'),
      dataIndex: 'rowsChanged',
      key: 'rowsChanged',
      render: (value: number | null) => value ?? '—',
    },
    {
      title: t('bom.runs.outcome'),
      key: 'outcome',
      render: (_v, run) =>
        run.counts ? (
          <div style={{ maxWidth: 240 }}>
            <OpCountTags counts={run.counts} />
          </div>
        ) : (
          '—'
        ),
      responsive: ['lg'],
    },
    ...(isAdmin
      ? [
          {
            title: t('bom.runs.owner'),
            key: 'owner',
            render: (_v: unknown, run: RunItem) => <Link to={`/bom/runs?owner=${run.ownerId}`}>{ownerLabel(run)}</Link>,
          },
        ]
      : []),
    {
      title: t('bom.runs.created'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      render: (at: string) => formatDateTime(at, locale),
      responsive: ['md'],
    },
  ];

  return (
    <Card
      title={t('bom.runs')}
      extra={
        <Space wrap>
          <Button icon={<DownloadOutlined />} loading={template.isPending} onClick={() => template.mutate()}>
            {t('bom.template')}
          </Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => void navigate('/bom/new')}>
            {t('nav.bomNew')}
          </Button>
        </Space>
      }
    >
      {ownerId ? (
        <Tag closable onClose={() => setSearchParams({})} style={{ marginBottom: 12 }}>
          {t('bom.runs.owner')}: {owner.data ? userAsOwner(owner.data.user) : owner.error ? '—' : t('app.loading')}
        </Tag>
      ) : null}
      {fileId ? (
        <Tag
          closable
          onClose={() =>
            setSearchParams((params) => {
              params.delete('file');
              return params;
            })
          }
          style={{ marginBottom: 12 }}
        >
          {t('bom.runs.file')}: {upload.data ? upload.data.name : upload.error ? '—' : t('app.loading')}
        </Tag>
      ) : null}
      <div style={{ overflowX: 'auto', marginBottom: 16 }}>
        <Segmented<StatusFilter>
          aria-label={t('bom.log.status')}
          value={status}
          onChange={setStatus}
          options={(['all', ...BOM_RUN_STATUSES] as const).map((value) => ({
            value,
            label: value === 'all' ? t('bom.log.all') : t(`bom.status.${value}`),
          }))}
        />
      </div>
      <PagedTable
        query={trpc.bom.runs.list.infiniteQueryOptions(
          { status: status === 'all' ? undefined : status, ownerId, fileId, limit: 20 },
          cursorPaging,
        )}
        rowKey="runId"
        columns={columns}
        renderActions={(run) => (
          <>
            <Link to={`/bom/runs/${run.runId}`}>{t('bom.runs.open')}</Link>
            <Popconfirm
              title={t('bom.runs.confirmDelete')}
              onConfirm={() => remove.mutate({ runId: run.runId })}
              disabled={run.status === 'running'}
            >
              <Button size="small" danger disabled={run.status === 'running'}>
                {t('bom.runs.delete')}
              </Button>
            </Popconfirm>
          </>
        )}
        emptyText={t('bom.runs.empty')}
      />
    </Card>
  );
}
