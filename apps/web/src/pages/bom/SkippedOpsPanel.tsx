import { Alert, Button, Flex, Segmented, Tag, Typography } from 'antd';
import { useState } from 'react';
import { changeLogNote, SKIPPED_OP_STATUSES, type SkippedOpStatus } from '@arya/bom';
import { useBoxVirtualRows } from '../../components/virtual-rows';
import { useScreenI18n } from '../../i18n/screen-i18n';
import type { UploadedWorkbook } from '../../lib/upload-workbook';
import { opStatusColour } from './run-labels';
import { skippedOpsMessages } from './skipped-ops-messages';

type OpsInspection = NonNullable<UploadedWorkbook['inspect']['ops']>;
/** Where the ops were read: the BOM's own 操作指示表, or a separate operations workbook (what to correct). */
type OpsOrigin = 'sheet' | 'workbook';
type SkippedOp = OpsInspection['skippedOps'][number];
type StatusFilter = SkippedOpStatus | 'all';

const ROW_HEIGHT = 30;
const MAX_HEIGHT = 360;

/**
 * The operations the dry run found the run will skip (invalid, not found, ambiguous), in one box: a count per status,
 * and on request every one with its row, material code, operation, designators and reason. Nothing when there are none.
 */
export function SkippedOpsPanel({ ops, origin = 'sheet' }: { ops: OpsInspection; origin?: OpsOrigin }) {
  const { t, locale } = useScreenI18n(skippedOpsMessages);
  const [expanded, setExpanded] = useState(false);
  const [filter, setFilter] = useState<StatusFilter>('all');
  const total = ops.skippedOpsTotal;
  if (total === 0) return null;
  const statuses = SKIPPED_OP_STATUSES.flatMap((status) => {
    const count = ops.skippedOpCounts[status] ?? 0;
    return count > 0 ? [{ status, count }] : [];
  });
  const title = t('bom.skipped.title', { count: total });
  const shown = filter === 'all' ? ops.skippedOps : ops.skippedOps.filter((op) => op.status === filter);
  const line = (op: SkippedOp) =>
    t('bom.skipped.line', {
      row: op.opRow,
      what: [op.materialCode ?? '', op.op, op.designators].filter((part) => part !== '').join(' '),
      reason: changeLogNote(op.reasons, locale),
    });
  return (
    <Alert
      type="error"
      showIcon
      title={title}
      description={
        <Flex vertical gap={8} align="flex-start" style={{ minWidth: 0, width: '100%' }}>
          <Flex wrap gap={4} role="list" aria-label={t('bom.skipped.kinds')}>
            {statuses.map(({ status, count }) => (
              <Tag key={status} color={opStatusColour[status]} role="listitem" style={{ marginInlineEnd: 0 }}>
                {t(`bom.op.${status}`)}: {count}
              </Tag>
            ))}
          </Flex>
          <Typography.Text type="secondary">
            {t(origin === 'sheet' ? 'bom.skipped.hint' : 'bom.skipped.hintWorkbook')}
          </Typography.Text>
          {expanded ? (
            <Flex vertical gap={8} style={{ width: '100%' }}>
              {statuses.length > 1 ? (
                <div style={{ overflowX: 'auto', maxWidth: '100%' }}>
                  <Segmented<StatusFilter>
                    aria-label={t('bom.skipped.filter')}
                    value={filter}
                    onChange={setFilter}
                    options={[
                      { value: 'all', label: t('bom.skipped.all', { count: total }) },
                      ...statuses.map(({ status, count }) => ({
                        value: status,
                        label: `${t(`bom.op.${status}`)} (${count})`,
                      })),
                    ]}
                  />
                </div>
              ) : null}
              <SkippedOpsList key={filter} lines={shown.map(line)} label={title} />
              {ops.skippedOps.length < total ? (
                <Typography.Text type="secondary">
                  {t('bom.skipped.truncated', { shown: ops.skippedOps.length, total })}
                </Typography.Text>
              ) : null}
            </Flex>
          ) : null}
          <Button type="link" size="small" style={{ paddingInline: 0 }} onClick={() => setExpanded(!expanded)}>
            {expanded ? t('bom.skipped.hide') : t('bom.skipped.showAll', { count: total })}
          </Button>
        </Flex>
      }
    />
  );
}

/** The lines, virtualised (a 操作指示表 of thousands of invalid rows scrolls as lightly as ten). */
function SkippedOpsList({ lines, label }: { lines: readonly string[]; label: string }) {
  const { scrollerRef, rows, totalSize } = useBoxVirtualRows(lines.length, ROW_HEIGHT);
  return (
    <div
      ref={scrollerRef}
      style={{ maxHeight: MAX_HEIGHT, overflowY: 'auto', background: '#fff', border: '1px solid #f0f0f0' }}
    >
      <div role="list" aria-label={label} style={{ height: totalSize, position: 'relative' }}>
        {rows.map(({ index, key, props }) => (
          <div
            key={key}
            role="listitem"
            aria-posinset={index + 1}
            aria-setsize={lines.length}
            {...props}
            style={{ ...props.style, padding: '4px 12px', borderBottom: '1px solid #f0f0f0', overflowWrap: 'anywhere' }}
          >
            {lines[index]}
          </div>
        ))}
      </div>
    </div>
  );
}
