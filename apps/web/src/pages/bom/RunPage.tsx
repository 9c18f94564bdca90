import { DiffOutlined, DownloadOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useSubscription } from '@trpc/tanstack-react-query';
import { Alert, Button, Card, Descriptions, Flex, Progress, Skeleton, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { RunEvent } from '@arya/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n/I18nProvider';
import { useScreenI18n } from '../../i18n/screen-i18n';
import { formatDateTime, formatDuration } from '../../lib/format';
import { useTRPC } from '../../lib/trpc';
import { bomLookupMessages } from './bom-lookup-messages';
import { ChangeLogTable } from './ChangeLogTable';
import { runCompareUrl } from './compare-target';
import { DiffTable } from './DiffTable';
import { followDownloadLink } from './download';
import { OpCountTags } from './OpCountTags';
import { runStatusColour, type Run } from './run-labels';
import { laterProgress } from './run-progress';
import { WarningsPanel } from './WarningsPanel';

function RunProgress({ runId }: { runId: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [shown, setShown] = useState<RunEvent | null>(null);
  const progress = useSubscription(
    trpc.bom.runs.progress.subscriptionOptions(
      { runId },
      {
        onData: ({ data }) => {
          setShown((previous) => laterProgress(previous, data));
          if (data.status === 'done' || data.status === 'failed') {
            void queryClient.invalidateQueries({ queryKey: trpc.bom.runs.get.queryKey({ runId }) });
          }
        },
      },
    ),
  );
  return (
    <Card title={t('bom.progress')}>
      <Progress
        percent={shown?.percent ?? 0}
        status={shown?.status === 'failed' ? 'exception' : 'active'}
        aria-label={t('bom.progress')}
        // antd eases the fill for 0.3 s after each change while the number jumps at once: the fill keeps to the number.
        styles={{ track: { transition: 'none' } }}
      />
      <Typography.Text type="secondary" aria-live="polite">
        {shown ? t(`bom.phase.${shown.phase}`) : t('app.loading')}
      </Typography.Text>
      {progress.error ? <ErrorAlert error={progress.error} /> : null}
    </Card>
  );
}

function RunResult({ run }: { run: Run }) {
  const { t, locale } = useScreenI18n(bomLookupMessages);
  const trpc = useTRPC();
  const download = useMutation(
    trpc.bom.runs.downloadUrl.mutationOptions({
      onSuccess: ({ url, fileName }) => followDownloadLink(url, fileName),
    }),
  );
  const navigate = useNavigate();
  const summary = run.summary;
  return (
    <>
      <Card
        title={t('bom.result')}
        extra={
          <Space wrap>
            <Button icon={<EditOutlined />} onClick={() => void navigate(`/bom/new?from=${run.runId}`)}>
              {t('bom.rerun')}
            </Button>
            <Button icon={<DiffOutlined />} onClick={() => void navigate(runCompareUrl(run.runId))}>
              {t('bom.compareWithInput')}
            </Button>
            <Button
              type="primary"
              icon={<DownloadOutlined />}
              loading={download.isPending}
              onClick={() => download.mutate({ runId: run.runId })}
            >
              {t('bom.download')}
            </Button>
          </Space>
        }
      >
        {download.error ? <ErrorAlert error={download.error} /> : null}
        {summary ? (
          <Descriptions size="small" column={{ xs: 1, md: 3 }}>
            <Descriptions.Item label={t('bom.rowsChanged')}>{summary.rowsChanged}</Descriptions.Item>
            <Descriptions.Item label={t('bom.sheet')}>{summary.bomSheet}</Descriptions.Item>
            <Descriptions.Item label={t('bom.duration')}>{formatDuration(run.durationMs)}</Descriptions.Item>
            <Descriptions.Item label={t('bom.log.status')} span={3}>
              <OpCountTags counts={summary.counts} />
            </Descriptions.Item>
          </Descriptions>
        ) : null}
        {summary && summary.warningsTotal > 0 ? (
          <div style={{ marginBlock: 16 }}>
            <WarningsPanel
              title={t('bom.warnings', { count: summary.warningsTotal })}
              warnings={summary.warnings}
              total={summary.warningsTotal}
              counts={summary.warningCounts}
              whereAll={t('bom.warningsInResult', { count: summary.warningsTotal })}
            />
          </div>
        ) : null}
        <Typography.Text type="secondary">{formatDateTime(run.finishedAt, locale)}</Typography.Text>
      </Card>
      <Card title={t('bom.diff', { count: run.diff.length })}>
        <DiffTable diff={run.diff} />
      </Card>
      <Card title={t('bom.log')}>
        <ChangeLogTable log={run.log} />
      </Card>
    </>
  );
}

/** A failed run says why and offers the next step: the same BOM with its operations again, or a new run. */
function RunFailure({ runId, message }: { runId: string; message: string | undefined }) {
  const { t } = useScreenI18n(bomLookupMessages);
  const navigate = useNavigate();
  return (
    <Alert
      type="error"
      showIcon
      title={t('bom.failed')}
      description={
        <Flex vertical gap={12} align="flex-start">
          {message ? <Typography.Text>{message}</Typography.Text> : null}
          <Typography.Text type="secondary">{t('bom.failedNext')}</Typography.Text>
          <Space wrap>
            <Button type="primary" icon={<EditOutlined />} onClick={() => void navigate(`/bom/new?from=${runId}`)}>
              {t('bom.rerun')}
            </Button>
            <Button icon={<PlusOutlined />} onClick={() => void navigate('/bom/new')}>
              {t('nav.bomNew')}
            </Button>
          </Space>
        </Flex>
      }
    />
  );
}

export default function RunPage() {
  const { runId = '' } = useParams();
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const run = useQuery(trpc.bom.runs.get.queryOptions({ runId }));
  const data = run.data;

  return (
    <Flex vertical gap={16}>
      <Link to="/bom/runs">← {t('nav.bomRuns')}</Link>
      {run.isPending ? <Skeleton active /> : null}
      {run.error ? <ErrorAlert error={run.error} onRetry={() => void run.refetch()} /> : null}
      {data ? (
        <>
          <Card>
            <Space wrap>
              <Typography.Text strong>{data.bomFile.name}</Typography.Text>
              <Tag color={runStatusColour[data.status]}>{t(`bom.status.${data.status}`)}</Tag>
            </Space>
          </Card>
          {data.status === 'queued' || data.status === 'running' ? <RunProgress runId={runId} /> : null}
          {data.status === 'failed' ? (
            <RunFailure
              runId={runId}
              message={data.error ? (locale === 'en' ? data.error.messageEn : data.error.message) : undefined}
            />
          ) : null}
          {data.status === 'done' ? <RunResult run={data} /> : null}
        </>
      ) : null}
    </Flex>
  );
}
