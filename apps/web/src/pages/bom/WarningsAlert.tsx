import { Alert, Button, List, Typography } from 'antd';
import { useState } from 'react';
import { warningText } from '@arya/bom';
import { useI18n } from '../../i18n/I18nProvider';
import type { UploadedWorkbook } from '../../lib/upload-workbook';
import type { Run } from './run-labels';

type Warning = UploadedWorkbook['inspect']['warnings'][number] | NonNullable<Run['summary']>['warnings'][number];

/** Shown while collapsed: enough to see what kind of warnings there are without pushing the results off the screen. */
const COLLAPSED_COUNT = 5;

/**
 * The engine's validation warnings: the first few, and all of them (as many as the server kept, in a scrolling list)
 * on request. `total` counts every warning, including those the server did not keep.
 */
export function WarningsAlert({
  warnings,
  total,
  defaultExpanded = false,
}: {
  warnings: readonly Warning[];
  total: number;
  defaultExpanded?: boolean;
}) {
  const { t, locale } = useI18n();
  const [expanded, setExpanded] = useState(defaultExpanded);
  if (total === 0) return <Alert type="success" showIcon title={t('bom.noWarnings')} style={{ marginBottom: 16 }} />;
  const shown = expanded ? warnings : warnings.slice(0, COLLAPSED_COUNT);
  const canExpand = warnings.length > COLLAPSED_COUNT;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      title={t('bom.warnings', { count: total })}
      description={
        <>
          <List
            size="small"
            dataSource={[...shown]}
            renderItem={(warning) => <List.Item>{warningText(warning, locale)}</List.Item>}
            style={expanded ? { maxHeight: 320, overflow: 'auto' } : undefined}
          />
          {expanded && total > warnings.length ? (
            <Typography.Text type="secondary">
              {t('bom.warningsTruncated', { shown: warnings.length, total })}
            </Typography.Text>
          ) : null}
          {canExpand ? (
            <Button type="link" size="small" style={{ paddingInline: 0 }} onClick={() => setExpanded(!expanded)}>
              {expanded ? t('bom.warningsCollapse') : t('bom.warningsShowAll', { count: warnings.length })}
            </Button>
          ) : null}
        </>
      }
    />
  );
}
