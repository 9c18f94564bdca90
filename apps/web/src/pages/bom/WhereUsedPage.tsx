import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Empty, Flex, Grid, Input, Table, Typography, type TableColumnsType } from 'antd';
import { Link, useSearchParams } from 'react-router';
import type { RouterOutputs } from '@arya/api';
import { useSession } from '../../auth/SessionProvider';
import { ErrorAlert } from '../../components/ErrorAlert';
import { LONG_TEXT } from '../../components/PagedTable';
import { useScreenI18n } from '../../i18n/screen-i18n';
import { formatDateTime } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { bomLookupMessages } from './bom-lookup-messages';
import { filesCompareUrl } from './compare-target';
import { quantityText } from './run-labels';

type WhereUsed = RouterOutputs['bom']['whereUsed'];
type WhereUsedItem = WhereUsed['items'][number];
type Occurrence = WhereUsedItem['occurrences'][number];

/** Designators listed per occurrence before "more: N" (a row may carry hundreds). */
const DESIGNATORS_SHOWN = 24;

function OccurrenceLine({ occurrence }: { occurrence: Occurrence }) {
  const { t } = useScreenI18n(bomLookupMessages);
  const { designators } = occurrence;
  const listed = designators.slice(0, DESIGNATORS_SHOWN).join(', ');
  return (
    <div>
      <Typography.Text strong>{t('whereUsed.row', { row: occurrence.row })}</Typography.Text>
      {' · '}
      {t('whereUsed.level', { level: quantityText(occurrence.level) })}
      {' · '}
      {t('whereUsed.quantity', { quantity: quantityText(occurrence.quantity) })}
      {' · '}
      {designators.length === 0 ? (
        <Typography.Text type="secondary">{t('whereUsed.noDesignators')}</Typography.Text>
      ) : (
        <span style={{ overflowWrap: 'anywhere' }}>
          {listed}
          {designators.length > DESIGNATORS_SHOWN
            ? ` (${t('compare.more', { count: designators.length - DESIGNATORS_SHOWN })})`
            : null}
        </span>
      )}
    </div>
  );
}

function Results({ result }: { result: WhereUsed }) {
  const { t, locale } = useScreenI18n(bomLookupMessages);
  const { items } = result;
  // A phone has no room for five columns: the answer (where in the BOM) goes under the file's name, with the upload
  // time after it, and the table fits the screen (no sideways scroll, so nothing covers anything).
  const phone = !(Grid.useBreakpoint().sm ?? true);
  const occurrences = (item: WhereUsedItem) =>
    item.occurrences.map((occurrence) => <OccurrenceLine key={occurrence.row} occurrence={occurrence} />);
  const fileLink = (item: WhereUsedItem) => (
    <Link to={`/bom/files?file=${item.fileId}`} style={{ display: 'block', ...LONG_TEXT }}>
      {item.fileName}
    </Link>
  );
  const links: TableColumnsType<WhereUsedItem>[number] = {
    title: t('admin.actions'),
    key: 'links',
    // pinned to the right edge, as in the paged lists: the occurrences scroll under it, the links stay on screen
    fixed: phone ? undefined : 'right',
    render: (_v, item, index) => {
      // the list is newest first: the next one is the upload before this one
      const earlier = items[index + 1];
      return (
        // flex items: each link one box however many lines it wraps to (on a phone past 35% of the width)
        <Flex vertical gap={2} align="flex-start" style={{ maxWidth: 'min(240px, 35vw)' }}>
          <Link to={`/bom/runs?file=${item.fileId}`}>{t('whereUsed.runs', { count: item.runs.length })}</Link>
          {earlier ? (
            <Link to={filesCompareUrl(earlier.fileId, item.fileId)}>{t('whereUsed.compareEarlier')}</Link>
          ) : (
            <Link to={filesCompareUrl(item.fileId)}>{t('whereUsed.compareWith')}</Link>
          )}
        </Flex>
      );
    },
  };
  const columns: TableColumnsType<WhereUsedItem> = phone
    ? [
        {
          title: t('whereUsed.file'),
          key: 'file',
          render: (_v, item) => (
            <Flex vertical gap={4} style={{ overflowWrap: 'anywhere' }}>
              {fileLink(item)}
              <div data-testid="where-used-answer">{occurrences(item)}</div>
              <Typography.Text type="secondary">{formatDateTime(item.uploadedAt, locale)}</Typography.Text>
            </Flex>
          ),
        },
        links,
      ]
    : [
        { title: t('whereUsed.file'), key: 'file', render: (_v, item) => fileLink(item) },
        {
          title: t('whereUsed.uploader'),
          key: 'uploader',
          render: (_v, item) => item.uploader.username ?? item.uploader.account ?? item.uploader.userId.slice(0, 8),
          responsive: ['md'],
        },
        {
          title: t('whereUsed.uploaded'),
          dataIndex: 'uploadedAt',
          key: 'uploadedAt',
          render: (at: string) => formatDateTime(at, locale),
        },
        {
          title: t('whereUsed.occurrences'),
          key: 'occurrences',
          render: (_v, item) => <div data-testid="where-used-answer">{occurrences(item)}</div>,
        },
        links,
      ];
  return (
    <Flex vertical gap={12}>
      <Typography.Text strong data-testid="where-used-found">
        {t('whereUsed.found', { code: result.materialCode, count: items.length })}
      </Typography.Text>
      {result.truncated ? (
        <Alert type="info" showIcon title={t('whereUsed.truncated', { count: items.length })} />
      ) : null}
      <Table<WhereUsedItem>
        rowKey="fileId"
        size="small"
        columns={columns}
        dataSource={items}
        pagination={false}
        scroll={phone ? undefined : { x: 'max-content' }}
      />
    </Flex>
  );
}

/**
 * 物料反查: which uploaded BOMs use a material code (the viewer's own; an admin's, everyone's), newest first, with
 * where in each BOM and links to the upload, its runs and a comparison. The code is in the URL (`?code=`).
 */
export default function WhereUsedPage() {
  const { t } = useScreenI18n(bomLookupMessages);
  const trpc = useTRPC();
  const session = useSession();
  const isAdmin = session.status === 'signedIn' && session.user.role === 'admin';
  const [searchParams, setSearchParams] = useSearchParams();
  const code = searchParams.get('code')?.trim() ?? '';
  const result = useQuery(trpc.bom.whereUsed.queryOptions({ materialCode: code }, { enabled: code !== '' }));

  return (
    <Card title={t('whereUsed.title')}>
      <Flex vertical gap={16}>
        <Input.Search
          key={code}
          defaultValue={code}
          aria-label={t('whereUsed.search')}
          placeholder={t('whereUsed.search')}
          enterButton={t('whereUsed.submit')}
          allowClear
          loading={result.isFetching}
          onSearch={(value) => setSearchParams(value.trim() ? { code: value.trim() } : {})}
          style={{ maxWidth: 480 }}
        />
        {code === '' ? <Typography.Text type="secondary">{t('whereUsed.hint')}</Typography.Text> : null}
        {result.error ? <ErrorAlert error={result.error} onRetry={() => void result.refetch()} /> : null}
        {result.data && result.data.items.length === 0 ? (
          <Empty
            description={
              <>
                <div>{t('whereUsed.none', { code: result.data.materialCode })}</div>
                {isAdmin ? null : <Typography.Text type="secondary">{t('whereUsed.scopeUser')}</Typography.Text>}
              </>
            }
          />
        ) : null}
        {result.data && result.data.items.length > 0 ? <Results result={result.data} /> : null}
      </Flex>
    </Card>
  );
}
