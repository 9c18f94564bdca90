import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Popconfirm, Tag, type TableColumnsType } from 'antd';
import { useSearchParams } from 'react-router';
import type { RouterOutputs } from '@arya/api';
import { useSession } from '../../auth/SessionProvider';
import { cursorPaging, LONG_TEXT, PagedTable } from '../../components/PagedTable';
import { useI18n } from '../../i18n/I18nProvider';
import { describeError } from '../../lib/errors';
import { formatDateTime } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { followDownloadLink } from './download';
import { ownerLabel } from './owner-label';

type FileItem = RouterOutputs['bom']['files']['list']['items'][number];

const formatSize = (bytes: number) =>
  bytes < 1024 * 1024 ? `${Math.max(1, Math.round(bytes / 1024))} KB` : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** The workbooks I uploaded (an admin sees everyone's): download the original, or delete it. */
export default function FilesPage() {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const session = useSession();
  const { message } = App.useApp();
  const isAdmin = session.status === 'signedIn' && session.user.role === 'admin';
  // ?file=<upload id>: that one upload (the where-used screen links here)
  const [searchParams, setSearchParams] = useSearchParams();
  const fileId = searchParams.get('file') ?? undefined;

  const upload = useQuery(trpc.bom.files.get.queryOptions({ fileId: fileId ?? '' }, { enabled: fileId !== undefined }));
  const download = useMutation(
    trpc.bom.files.downloadUrl.mutationOptions({
      onSuccess: ({ url, fileName }) => followDownloadLink(url, fileName),
      onError: (error) => void message.error(describeError(error, t).message),
    }),
  );
  const remove = useMutation(
    trpc.bom.files.delete.mutationOptions({
      onSuccess: () => {
        void message.success(t('bom.files.deleted'));
        void queryClient.invalidateQueries({ queryKey: trpc.bom.files.list.pathKey() });
      },
      // e.g. CONFLICT while a queued or running run uses the file: the server says which and what to do
      onError: (error) => void message.error(describeError(error, t).message),
    }),
  );

  const columns: TableColumnsType<FileItem> = [
    {
      title: t('bom.files.name'),
      dataIndex: 'name',
      key: 'name',
      render: (name: string) => <div style={LONG_TEXT}>{name}</div>,
    },
    {
      title: t('bom.files.kind'),
      dataIndex: 'kind',
      key: 'kind',
      render: (kind: FileItem['kind']) => <Tag>{t(`bom.files.kind.${kind}`)}</Tag>,
    },
    {
      title: t('bom.files.size'),
      dataIndex: 'size',
      key: 'size',
      render: (size: number) => formatSize(size),
      responsive: ['md'],
    },
    { title: t('bom.files.runs'), dataIndex: 'runs', key: 'runs' },
    ...(isAdmin
      ? [
          {
            title: t('bom.runs.owner'),
            key: 'owner',
            render: (_v: unknown, file: FileItem) => ownerLabel(file),
          },
        ]
      : []),
    {
      title: t('bom.files.uploaded'),
      dataIndex: 'createdAt',
      key: 'createdAt',
      render: (at: string) => formatDateTime(at, locale),
      responsive: ['md'],
    },
  ];

  return (
    <Card title={t('nav.bomFiles')}>
      {fileId ? (
        <Tag closable onClose={() => setSearchParams({})} style={{ marginBottom: 12 }}>
          {t('bom.files.name')}: {upload.data ? upload.data.name : upload.error ? '—' : t('app.loading')}
        </Tag>
      ) : null}
      <PagedTable
        query={trpc.bom.files.list.infiniteQueryOptions({ fileId, limit: 20 }, cursorPaging)}
        rowKey="fileId"
        columns={columns}
        renderActions={(file) => (
          <>
            <Button size="small" onClick={() => download.mutate({ fileId: file.fileId })}>
              {t('bom.files.download')}
            </Button>
            <Popconfirm title={t('bom.files.confirmDelete')} onConfirm={() => remove.mutate({ fileId: file.fileId })}>
              <Button size="small" danger aria-label={`${t('bom.files.delete')} ${file.name}`}>
                {t('bom.files.delete')}
              </Button>
            </Popconfirm>
          </>
        )}
        emptyText={t('bom.files.empty')}
      />
    </Card>
  );
}
