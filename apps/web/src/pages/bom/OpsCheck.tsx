import { useQuery } from '@tanstack/react-query';
import { Alert, Skeleton } from 'antd';
import type { RouterOutputs } from '@arya/api';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useI18n } from '../../i18n/I18nProvider';
import { useScreenI18n } from '../../i18n/screen-i18n';
import { describeError } from '../../lib/errors';
import { useTRPC } from '../../lib/trpc';
import { SheetDescription } from './InspectSummary';
import { skippedOpsMessages } from './skipped-ops-messages';
import { SkippedOpsPanel } from './SkippedOpsPanel';
import { WarningsPanel } from './WarningsPanel';

/** A dry run of operations against the BOM: a BOM's own 操作指示表 (`inspect.ops`) or a separate ops workbook. */
export type OpsInspection = RouterOutputs['bom']['files']['dryRun'];

/** What step 2 shows of the operations before Run: their sheet, the ops the run will skip, and the op warnings. */
export function OpsCheck({ ops, origin = 'sheet' }: { ops: OpsInspection; origin?: 'sheet' | 'workbook' }) {
  const { t } = useI18n();
  return (
    <>
      <SheetDescription sheet={ops} />
      <SkippedOpsPanel ops={ops} origin={origin} />
      {/* "no validation warnings" only when no op will be skipped either */}
      {ops.warningsTotal > 0 || ops.skippedOpsTotal === 0 ? (
        <WarningsPanel
          title={t('bom.opsWarnings', { count: ops.warningsTotal })}
          warnings={ops.warnings}
          total={ops.warningsTotal}
          counts={ops.warningCounts}
          whereAll={t('bom.warningsWillBeInResult')}
        />
      ) : null}
    </>
  );
}

/** The dry run of a separate operations workbook against the BOM; one query, shared by the check and the Run button. */
function dryRunOptions(trpc: ReturnType<typeof useTRPC>, bomFileId: string, opsFileId: string | null) {
  return trpc.bom.files.dryRun.queryOptions(
    { bomFileId, opsFileId: opsFileId ?? '' },
    { enabled: opsFileId !== null, staleTime: Number.POSITIVE_INFINITY },
  );
}

/**
 * Why Run is off for this operations workbook, or null: its dry run was refused (say a required column is missing),
 * so the run would fail with the same message. A busy engine (TOO_MANY_REQUESTS) or the network says nothing about
 * the workbook, and skipped ops are warnings, so neither blocks Run.
 */
export function useOpsFileRefusal(bomFileId: string, opsFileId: string | null): string | null {
  const trpc = useTRPC();
  const { t } = useScreenI18n(skippedOpsMessages);
  const dryRun = useQuery(dryRunOptions(trpc, bomFileId, opsFileId));
  if (!dryRun.error) return null;
  const code = describeError(dryRun.error, t).code;
  return code === null || code === 'TOO_MANY_REQUESTS' ? null : t('bom.dryRun.blocksRun');
}

/**
 * A separate operations workbook dry-run against the chosen BOM (`bom.files.dryRun`, in the engine threads): its
 * inspection alone cannot say which ops the run will skip, as that depends on the BOM.
 */
export function OpsFileCheck({ bomFileId, opsFileId }: { bomFileId: string; opsFileId: string }) {
  const trpc = useTRPC();
  const { t } = useScreenI18n(skippedOpsMessages);
  const dryRun = useQuery(dryRunOptions(trpc, bomFileId, opsFileId));
  if (dryRun.error) return <ErrorAlert error={dryRun.error} onRetry={() => void dryRun.refetch()} />;
  if (!dryRun.data) {
    return (
      <>
        <Alert type="info" showIcon title={t('bom.dryRun.checking')} />
        <Skeleton active paragraph={{ rows: 2 }} />
      </>
    );
  }
  return <OpsCheck ops={dryRun.data} origin="workbook" />;
}
