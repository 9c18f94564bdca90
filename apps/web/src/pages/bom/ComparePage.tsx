import { DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQueries, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Skeleton, Space, Typography } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useScreenI18n } from '../../i18n/screen-i18n';
import { errorMessageKey } from '../../lib/error-key';
import { describeError } from '../../lib/errors';
import { useTRPC } from '../../lib/trpc';
import { bomLookupMessages } from './bom-lookup-messages';
import type { Comparison } from './compare-filter';
import { filesCompareUrl, readCompareTarget, type CompareTarget } from './compare-target';
import { ComparePicker, type PickedFiles } from './ComparePicker';
import { ComparisonView } from './ComparisonView';
import { followDownloadLink } from './download';

/** Refusals that a different pick of files fixes (the server's message says which file and why). */
const PICK_AGAIN = new Set([
  'bom.compareRejected',
  'bom.fileWrongKind',
  'bom.fileNotFound',
  'bom.compareSourceDeleted',
]);

/** The comparison's failure with the way out that fits: drop the sheet, pick other files, open the run, or retry. */
function ComparisonError({
  error,
  target,
  onRetry,
}: {
  error: unknown;
  target: Exclude<CompareTarget, { kind: 'none' }>;
  onRetry: () => void;
}) {
  const { t } = useScreenI18n(bomLookupMessages);
  const navigate = useNavigate();
  const key = errorMessageKey(error);
  if (key === null) return <ErrorAlert error={error} onRetry={onRetry} />;
  let action = null;
  if (target.kind === 'run')
    action = (
      <Space wrap>
        <Link to={`/bom/runs/${target.runId}`}>{t('compare.openRun')}</Link>
        <Link to="/bom/compare">{t('compare.pickFiles')}</Link>
      </Space>
    );
  else if (key === 'bom.compareRejected' && target.sheet !== undefined)
    action = (
      <Button size="small" onClick={() => void navigate(filesCompareUrl(target.oldFileId, target.newFileId))}>
        {t('compare.retryWithoutSheet')}
      </Button>
    );
  else if (PICK_AGAIN.has(key))
    action = (
      <Button size="small" onClick={() => void navigate('/bom/compare')}>
        {t('compare.pickAgain')}
      </Button>
    );
  return <Alert type="error" showIcon role="alert" title={describeError(error, t).message} action={action} />;
}

/** Two uploads compared: the picker (filled from the URL), then the comparison once both are chosen. */
function FilesComparison({ target }: { target: Extract<CompareTarget, { kind: 'files' | 'none' }> }) {
  const { t } = useScreenI18n(bomLookupMessages);
  const trpc = useTRPC();
  const navigate = useNavigate();
  const ready = target.kind === 'files';
  const input = { oldFileId: target.oldFileId ?? '', newFileId: target.newFileId ?? '', sheet: target.sheet };
  const comparison = useQuery(trpc.bom.compare.queryOptions(input, { enabled: ready, staleTime: 60_000 }));
  const names = useQueries({
    queries: [input.oldFileId, input.newFileId].map((fileId) =>
      trpc.bom.files.get.queryOptions({ fileId }, { enabled: ready }),
    ),
  });
  const download = useMutation(
    trpc.bom.compareDownloadUrl.mutationOptions({
      onSuccess: ({ url, fileName }) => followDownloadLink(url, fileName),
    }),
  );
  const picked: PickedFiles = { oldFileId: target.oldFileId, newFileId: target.newFileId, sheet: target.sheet };
  const [oldName, newName] = names.map((query) => query.data?.name);

  return (
    <>
      <Card title={t('compare.title')}>
        <ComparePicker
          // a new URL (a link, back/forward) starts the picker afresh from it
          key={filesCompareUrl(target.oldFileId, target.newFileId, target.sheet)}
          initial={picked}
          onCompare={(next) => void navigate(filesCompareUrl(next.oldFileId, next.newFileId, next.sheet))}
        />
      </Card>
      {ready ? (
        <Results
          heading={oldName && newName ? `${oldName} → ${newName}` : null}
          comparison={comparison}
          target={target}
          download={{ pending: download.isPending, error: download.error, start: () => download.mutate(input) }}
        />
      ) : null}
    </>
  );
}

/** A done run's input (the sheet it read) against its result (新BOM表). */
function RunComparison({ target }: { target: Extract<CompareTarget, { kind: 'run' }> }) {
  const { t } = useScreenI18n(bomLookupMessages);
  const trpc = useTRPC();
  const run = useQuery(trpc.bom.runs.get.queryOptions({ runId: target.runId }));
  const comparison = useQuery(trpc.bom.runs.compare.queryOptions({ runId: target.runId }, { staleTime: 60_000 }));
  const download = useMutation(
    trpc.bom.runs.compareDownloadUrl.mutationOptions({
      onSuccess: ({ url, fileName }) => followDownloadLink(url, fileName),
    }),
  );
  return (
    <>
      <Card title={t('compare.title')}>
        <Flex wrap gap={12} align="center" justify="space-between">
          <Typography.Text strong>
            {run.data ? t('compare.fromRun', { name: run.data.bomFile.name }) : t('app.loading')}
          </Typography.Text>
          <Space wrap>
            <Link to={`/bom/runs/${target.runId}`}>{t('compare.openRun')}</Link>
            <Link to="/bom/compare">{t('compare.pickFiles')}</Link>
          </Space>
        </Flex>
      </Card>
      <Results
        heading={null}
        comparison={comparison}
        target={target}
        download={{
          pending: download.isPending,
          error: download.error,
          start: () => download.mutate({ runId: target.runId }),
        }}
      />
    </>
  );
}

function Results({
  heading,
  comparison,
  target,
  download,
}: {
  heading: string | null;
  comparison: { data: Comparison | undefined; error: unknown; refetch: () => unknown };
  target: Exclude<CompareTarget, { kind: 'none' }>;
  download: { pending: boolean; error: unknown; start: () => void };
}) {
  const { t } = useScreenI18n(bomLookupMessages);
  if (comparison.error)
    return <ComparisonError error={comparison.error} target={target} onRetry={() => void comparison.refetch()} />;
  if (!comparison.data)
    return (
      <Card title={t('compare.comparing')}>
        <Skeleton active />
      </Card>
    );
  return (
    <>
      {heading ? (
        <Typography.Title level={5} style={{ margin: 0 }}>
          {heading}
        </Typography.Title>
      ) : null}
      {download.error ? <ErrorAlert error={download.error} /> : null}
      <ComparisonView
        comparison={comparison.data}
        actions={
          <Button type="primary" icon={<DownloadOutlined />} loading={download.pending} onClick={download.start}>
            {t('compare.download')}
          </Button>
        }
      />
    </>
  );
}

/**
 * 对比: two BOM revisions (two uploads, or a run's input and result) side by side as counts, moves and a filterable
 * table of every difference, with the diff workbook to download. Deep-linkable: the URL names what is compared.
 */
export default function ComparePage() {
  const [searchParams] = useSearchParams();
  const target = readCompareTarget(searchParams);
  return (
    <Flex vertical gap={16}>
      {target.kind === 'run' ? <RunComparison target={target} /> : <FilesComparison target={target} />}
    </Flex>
  );
}
