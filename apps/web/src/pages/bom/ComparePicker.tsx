import { SwapOutlined, UploadOutlined } from '@ant-design/icons';
import { useInfiniteQuery, useQueries, useQueryClient } from '@tanstack/react-query';
import { AutoComplete, Button, Empty, Flex, Form, Select, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useSession } from '../../auth/SessionProvider';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useScreenI18n } from '../../i18n/screen-i18n';
import { formatDateTime } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { bomLookupMessages } from './bom-lookup-messages';
import { WorkbookUpload } from './WorkbookUpload';

export interface PickedFiles {
  oldFileId: string | undefined;
  newFileId: string | undefined;
  sheet: string | undefined;
}

/**
 * Two uploads to compare, picked from the viewer's BOM uploads (an admin's list is everyone's, as on the files page),
 * newest first; a BOM can be uploaded here too, and fills the first empty side.
 */
export function ComparePicker({
  initial,
  onCompare,
}: {
  initial: PickedFiles;
  onCompare: (picked: PickedFiles) => void;
}) {
  const { t, locale } = useScreenI18n(bomLookupMessages);
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const session = useSession();
  const isAdmin = session.status === 'signedIn' && session.user.role === 'admin';
  const [picked, setPicked] = useState<PickedFiles>(initial);
  const [uploading, setUploading] = useState(false);

  const files = useInfiniteQuery(
    trpc.bom.files.list.infiniteQueryOptions(
      { kind: 'bom', limit: 100 },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );
  // The picked uploads themselves: their names even when older than the loaded list, and their sheets.
  const chosen = useQueries({
    queries: [picked.oldFileId, picked.newFileId].map((fileId) =>
      trpc.bom.files.get.queryOptions({ fileId: fileId ?? '' }, { enabled: fileId !== undefined }),
    ),
  });

  const listed = files.data?.pages.flatMap((page) => page.items) ?? [];
  const label = (name: string, createdAt: string, owner?: string | null) =>
    [name, formatDateTime(createdAt, locale), ...(isAdmin && owner ? [owner] : [])].join(' · ');
  const options = listed.map((file) => ({
    value: file.fileId,
    label: label(file.name, file.createdAt, file.ownerAccount),
  }));
  for (const query of chosen) {
    const file = query.data;
    if (file && !options.some((option) => option.value === file.fileId))
      options.push({ value: file.fileId, label: label(file.name, file.createdAt) });
  }
  const sheets = [...new Set(chosen.flatMap((query) => query.data?.inspect.sheets ?? []))];

  const side = (which: 'oldFileId' | 'newFileId', title: string) => (
    <Form.Item label={title} style={{ marginBottom: 0, flex: '1 1 240px', minWidth: 0 }}>
      <Select
        aria-label={title}
        showSearch={{ optionFilterProp: 'label' }}
        allowClear
        placeholder={t('compare.pickFile')}
        value={picked[which]}
        onChange={(value: string | undefined) => setPicked((previous) => ({ ...previous, [which]: value }))}
        options={options}
        loading={files.isPending}
        notFoundContent={files.isPending ? t('app.loading') : t('compare.noUploads')}
      />
    </Form.Item>
  );

  const noUploads = files.isSuccess && listed.length === 0 && !picked.oldFileId && !picked.newFileId;
  return (
    <Flex vertical gap={12}>
      {files.error ? <ErrorAlert error={files.error} onRetry={() => void files.refetch()} /> : null}
      {noUploads ? <Empty description={t('compare.noUploads')} /> : null}
      <Form
        layout="vertical"
        onFinish={() => onCompare(picked)}
        style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'flex-end' }}
      >
        {side('oldFileId', t('compare.old'))}
        <Tooltip title={t('compare.swap')}>
          <Button
            aria-label={t('compare.swap')}
            icon={<SwapOutlined />}
            onClick={() => setPicked((p) => ({ ...p, oldFileId: p.newFileId, newFileId: p.oldFileId }))}
          />
        </Tooltip>
        {side('newFileId', t('compare.new'))}
        <Form.Item
          label={t('compare.sheet')}
          tooltip={t('compare.sheetHint')}
          style={{ marginBottom: 0, flex: '0 1 200px', minWidth: 140 }}
        >
          <AutoComplete
            aria-label={t('compare.sheet')}
            allowClear
            placeholder={t('compare.sheetAuto')}
            value={picked.sheet}
            onChange={(value: string | undefined) => setPicked((p) => ({ ...p, sheet: value?.trim() || undefined }))}
            options={sheets.map((sheet) => ({ value: sheet }))}
          />
        </Form.Item>
        <Form.Item style={{ marginBottom: 0 }}>
          <Flex gap={8}>
            <Button type="primary" htmlType="submit" disabled={!picked.oldFileId || !picked.newFileId}>
              {t('compare.submit')}
            </Button>
            <Button icon={<UploadOutlined />} onClick={() => setUploading((open) => !open)} aria-expanded={uploading}>
              {t('compare.upload')}
            </Button>
          </Flex>
        </Form.Item>
      </Form>
      {uploading ? (
        <WorkbookUpload
          kind="bom"
          hint={t('compare.uploadHint')}
          onUploaded={(file) => {
            void queryClient.invalidateQueries({ queryKey: trpc.bom.files.list.pathKey() });
            setPicked((p) =>
              p.oldFileId === undefined
                ? { ...p, oldFileId: file.fileId }
                : p.newFileId === undefined
                  ? { ...p, newFileId: file.fileId }
                  : p,
            );
          }}
        />
      ) : null}
      {files.hasNextPage ? (
        <Button
          type="link"
          style={{ alignSelf: 'flex-start', padding: 0 }}
          loading={files.isFetchingNextPage}
          onClick={() => void files.fetchNextPage()}
        >
          {t('compare.loadMore')}
        </Button>
      ) : null}
      {!picked.oldFileId || !picked.newFileId ? (
        <Typography.Text type="secondary">{t('compare.pickBoth')}</Typography.Text>
      ) : null}
    </Flex>
  );
}
