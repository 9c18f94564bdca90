import { useInfiniteQuery, useMutation, useQuery } from '@tanstack/react-query';
import { Alert, Button, Card, Flex, Grid, Segmented, Skeleton, Steps, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n/I18nProvider';
import { describeError } from '../../lib/errors';
import { useTRPC } from '../../lib/trpc';
import type { UploadedWorkbook } from '../../lib/upload-workbook';
import { InspectSummary } from './InspectSummary';
import { blankOp, rowProblems, rowsFromRunLog, toOpRows, type EditableOp } from './ops-rows';
import { OpsCheck, OpsFileCheck, useOpsFileRefusal } from './OpsCheck';
import { OpsEditor } from './OpsEditor';
import { WorkbookUpload } from './WorkbookUpload';

type OpsChoice = 'sheet' | 'upload' | 'online';

/** Where the wizard starts: empty, or (run again) on a previous run's BOM file with its operations in the editor. */
interface WizardStart {
  /** Null for a new run, and when the previous run's upload has been deleted (it is uploaded again at step 1). */
  bomFile: UploadedWorkbook | null;
  rows: EditableOp[];
  /** The previous run's file name, how many of its ops were filled in or left out, and whether its upload is gone. */
  prefilled: { name: string; count: number; skipped: number; fileDeleted: boolean } | null;
}

/**
 * The guided run: 1. upload and check the BOM, 2. choose or write the operations, 3. run. With `?from=<runId>` it
 * starts at step 2 with that run's BOM file and operations ("edit the operations and run again"); when that upload
 * has been deleted, at step 1 with the operations kept for after the BOM is uploaded again.
 */
export default function NewRunPage() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const [searchParams] = useSearchParams();
  const fromRunId = searchParams.get('from');
  const previousRun = useQuery(
    trpc.bom.runs.get.queryOptions({ runId: fromRunId ?? '' }, { enabled: fromRunId !== null }),
  );
  const previousFile = useQuery(
    trpc.bom.files.get.queryOptions(
      { fileId: previousRun.data?.bomFile.fileId ?? '' },
      { enabled: previousRun.data !== undefined },
    ),
  );
  if (fromRunId === null) return <RunWizard start={{ bomFile: null, rows: [blankOp()], prefilled: null }} />;
  const fileDeleted = previousFile.error !== null && describeError(previousFile.error, t).code === 'NOT_FOUND';
  const error = previousRun.error ?? (fileDeleted ? null : previousFile.error);
  if (error) return <ErrorAlert error={error} />;
  if (!previousRun.data || (!previousFile.data && !fileDeleted)) return <Skeleton active />;
  const fromLog = rowsFromRunLog(previousRun.data.log);
  return (
    <RunWizard
      key={fromRunId}
      start={{
        bomFile: previousFile.data ?? null,
        rows: fromLog.rows.length > 0 ? fromLog.rows : [blankOp()],
        prefilled: {
          name: previousRun.data.bomFile.name,
          count: fromLog.rows.length,
          skipped: fromLog.skipped,
          fileDeleted,
        },
      }}
    />
  );
}

function RunWizard({ start }: { start: WizardStart }) {
  const { t } = useI18n();
  // On a phone the three sources do not fit side by side (在线编辑 was cut at 390 px): one under another.
  const phone = !(Grid.useBreakpoint().sm ?? true);
  const trpc = useTRPC();
  const navigate = useNavigate();
  const [step, setStep] = useState(start.bomFile ? 1 : 0);
  const [bomFile, setBomFile] = useState<UploadedWorkbook | null>(start.bomFile);
  const [opsFile, setOpsFile] = useState<UploadedWorkbook | null>(null);
  const [opsChoice, setOpsChoice] = useState<OpsChoice>('online');
  const [rows, setRows] = useState<EditableOp[]>(start.rows);
  const prefilled = start.prefilled;
  // Every row of the BOM (not only the preview), read once per file when the online editor is opened, page by page.
  const materialRows = useInfiniteQuery(
    trpc.bom.files.materialRows.infiniteQueryOptions(
      { fileId: bomFile?.fileId ?? '' },
      {
        enabled: bomFile !== null && opsChoice === 'online',
        staleTime: Number.POSITIVE_INFINITY,
        getNextPageParam: (page) => page.nextCursor ?? undefined,
      },
    ),
  );
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = materialRows;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  const choices = useMemo(() => materialRows.data?.pages.flatMap((page) => page.rows) ?? [], [materialRows.data]);

  const create = useMutation(
    trpc.bom.runs.create.mutationOptions({ onSuccess: ({ runId }) => void navigate(`/bom/runs/${runId}`) }),
  );
  const serverRowErrors = create.error ? describeError(create.error, t).fieldErrors : {};
  const onlineProblems = rowProblems(rows).size;
  const opsRefusal = useOpsFileRefusal(
    bomFile?.fileId ?? '',
    opsChoice === 'upload' ? (opsFile?.fileId ?? null) : null,
  );

  const canRun =
    bomFile !== null &&
    ((opsChoice === 'sheet' && bomFile.inspect.ops !== null) ||
      (opsChoice === 'upload' && opsFile !== null && opsRefusal === null) ||
      (opsChoice === 'online' && toOpRows(rows).length > 0 && onlineProblems === 0));

  const run = () => {
    if (!bomFile) return;
    if (opsChoice === 'upload' && opsFile) create.mutate({ bomFileId: bomFile.fileId, opsFileId: opsFile.fileId });
    else if (opsChoice === 'online') create.mutate({ bomFileId: bomFile.fileId, ops: toOpRows(rows) });
    else create.mutate({ bomFileId: bomFile.fileId });
  };

  return (
    <Card title={t('bom.newRun')}>
      <Steps
        current={step}
        size="small"
        style={{ marginBottom: 24 }}
        items={[{ title: t('bom.step.bom') }, { title: t('bom.step.ops') }, { title: t('bom.step.run') }]}
      />
      {step === 0 ? (
        <Flex vertical gap={16}>
          {prefilled?.fileDeleted && !bomFile ? (
            <Alert
              type="info"
              showIcon
              title={t('bom.rerunUploadAgain', { name: prefilled.name, count: prefilled.count })}
            />
          ) : null}
          <WorkbookUpload
            kind="bom"
            onUploaded={(file) => {
              setBomFile(file);
              // Operations carried over from a previous run stay the ones to run.
              setOpsChoice(prefilled ? 'online' : file.inspect.ops ? 'sheet' : 'online');
            }}
          />
          {bomFile ? <InspectSummary inspect={bomFile.inspect} fileName={bomFile.name} /> : null}
          <Button type="primary" disabled={!bomFile} onClick={() => setStep(1)} style={{ alignSelf: 'flex-end' }}>
            {t('bom.next')}
          </Button>
        </Flex>
      ) : null}
      {step === 1 && bomFile ? (
        <Flex vertical gap={16}>
          <div>
            <Typography.Text strong id="ops-source-label">
              {t('bom.opsSource')}
            </Typography.Text>
            <div style={{ marginTop: 8 }}>
              <Segmented<OpsChoice>
                aria-labelledby="ops-source-label"
                vertical={phone}
                value={opsChoice}
                onChange={setOpsChoice}
                options={[
                  { value: 'sheet', label: t('bom.opsSource.sheet'), disabled: bomFile.inspect.ops === null },
                  { value: 'upload', label: t('bom.opsSource.upload') },
                  { value: 'online', label: t('bom.opsSource.online') },
                ]}
              />
            </div>
          </div>
          {opsChoice === 'sheet' ? (
            bomFile.inspect.ops ? (
              <OpsCheck ops={bomFile.inspect.ops} />
            ) : (
              <Alert type="info" showIcon title={t('bom.noOpsSheet')} />
            )
          ) : null}
          {opsChoice === 'upload' ? (
            <>
              <WorkbookUpload kind="ops" onUploaded={setOpsFile} />
              {opsFile ? <OpsFileCheck bomFileId={bomFile.fileId} opsFileId={opsFile.fileId} /> : null}
            </>
          ) : null}
          {opsChoice === 'online' ? (
            <>
              {/* a failed run may have logged no operation: nothing was carried over, so nothing to say */}
              {prefilled && (prefilled.count > 0 || prefilled.skipped > 0) ? (
                <Alert
                  type="info"
                  showIcon
                  title={t(prefilled.fileDeleted ? 'bom.rerunFromUploadedAgain' : 'bom.rerunFrom', {
                    name: prefilled.name,
                    count: prefilled.count,
                  })}
                  description={prefilled.skipped > 0 ? t('bom.rerunSkipped', { count: prefilled.skipped }) : undefined}
                />
              ) : null}
              {materialRows.error ? (
                <ErrorAlert error={materialRows.error} onRetry={() => void materialRows.refetch()} />
              ) : null}
              <OpsEditor rows={rows} onChange={setRows} choices={choices} serverErrors={serverRowErrors} />
              {onlineProblems > 0 ? (
                <Alert type="error" showIcon title={t('bom.ops.fixErrors', { count: onlineProblems })} />
              ) : null}
            </>
          ) : null}
          {create.error ? <ErrorAlert error={create.error} /> : null}
          {/* The only TOO_MANY_REQUESTS of runs.create: the queue cap, which deleting a queued run lifts. */}
          {create.error && describeError(create.error, t).code === 'TOO_MANY_REQUESTS' ? (
            <Link to="/bom/runs">{t('bom.queueFull.openRuns')}</Link>
          ) : null}
          <Flex justify="space-between" align="center" gap={8}>
            <Button onClick={() => setStep(0)}>{t('bom.back')}</Button>
            <Flex align="center" justify="flex-end" gap={8} wrap>
              {opsRefusal ? (
                <Typography.Text type="danger" id="run-refusal" style={{ textAlign: 'end', maxWidth: 480 }}>
                  {opsRefusal}
                </Typography.Text>
              ) : null}
              <Button
                type="primary"
                disabled={!canRun}
                loading={create.isPending}
                onClick={run}
                aria-describedby={opsRefusal ? 'run-refusal' : undefined}
              >
                {t('bom.run')}
              </Button>
            </Flex>
          </Flex>
        </Flex>
      ) : null}
    </Card>
  );
}
