import { useVirtualizer } from '@tanstack/react-virtual';
import { Empty, Typography } from 'antd';
import { useRef } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { quantityText, type RowDiff } from './run-labels';

const ROW_HEIGHT = 56;
const GRID = '90px minmax(140px, 1fr) minmax(260px, 3fr) 120px';

/** One designator list with removals struck through in red and additions in green, in written order. */
function DesignatorChanges({ diff }: { diff: RowDiff }) {
  const { t } = useI18n();
  const removed = new Set(diff.removed);
  const added = new Set(diff.added);
  const shown = [...diff.before, ...diff.after.filter((item) => !diff.before.includes(item))];
  return (
    <span style={{ lineHeight: 1.6 }}>
      {shown.map((item, index) => (
        <span key={item}>
          {index > 0 ? ', ' : null}
          {removed.has(item) ? (
            <del style={{ color: '#cf1322' }} title={t('bom.diff.removed')}>
              {item}
            </del>
          ) : added.has(item) ? (
            <ins style={{ color: '#389e0d', textDecoration: 'none', fontWeight: 600 }} title={t('bom.diff.added')}>
              {item}
            </ins>
          ) : (
            item
          )}
        </span>
      ))}
    </span>
  );
}

/**
 * The changed rows, virtualised: only the rows in view are in the DOM, so a 5,000-row diff scrolls as lightly as a
 * 50-row one. A plain CSS grid with table roles keeps it readable by screen readers.
 */
export function DiffTable({ diff }: { diff: RowDiff[] }) {
  const { t } = useI18n();
  const scroller = useRef<HTMLDivElement>(null);
  // The React Compiler is not used here, so the virtualizer's unmemoisable functions are fine.
  // oxlint-disable-next-line react/incompatible-library
  const virtualizer = useVirtualizer({
    count: diff.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });

  if (diff.length === 0) return <Empty description={t('bom.diff.empty')} />;

  const cell = { padding: '6px 8px', overflow: 'hidden' } as const;
  return (
    <div
      role="table"
      aria-label={t('bom.diff', { count: diff.length })}
      aria-rowcount={diff.length + 1}
      style={{ overflowX: 'auto' }}
    >
      <div style={{ minWidth: 640 }}>
        <div
          role="row"
          style={{
            display: 'grid',
            gridTemplateColumns: GRID,
            background: '#fafafa',
            fontWeight: 600,
            borderBottom: '1px solid #f0f0f0',
          }}
        >
          <div role="columnheader" style={cell}>
            {t('bom.diff.row')}
          </div>
          <div role="columnheader" style={cell}>
            {t('bom.ops.materialCode')}
          </div>
          <div role="columnheader" style={cell}>
            {t('bom.diff.designators')}
          </div>
          <div role="columnheader" style={cell}>
            {t('bom.diff.quantity')}
          </div>
        </div>
        <div
          ref={scroller}
          style={{ height: Math.min(480, diff.length * ROW_HEIGHT + 2), overflowY: 'auto' }}
          data-testid="diff-scroller"
        >
          <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => {
              const row = diff[item.index];
              if (!row) return null;
              return (
                <div
                  key={item.key}
                  role="row"
                  aria-rowindex={item.index + 2}
                  data-index={item.index}
                  ref={virtualizer.measureElement}
                  style={{
                    position: 'absolute',
                    top: 0,
                    left: 0,
                    width: '100%',
                    transform: `translateY(${item.start}px)`,
                    display: 'grid',
                    gridTemplateColumns: GRID,
                    borderBottom: '1px solid #f0f0f0',
                  }}
                >
                  <div role="cell" style={cell}>
                    {row.bomRow}
                  </div>
                  <div role="cell" style={cell}>
                    <Typography.Text ellipsis>{row.materialCode}</Typography.Text>
                  </div>
                  <div role="cell" style={cell}>
                    <DesignatorChanges diff={row} />
                  </div>
                  <div role="cell" style={cell}>
                    {quantityText(row.quantityBefore)} → <strong>{quantityText(row.quantityAfter)}</strong>
                  </div>
                </div>
              );
            })}
          </div>
        </div>
      </div>
    </div>
  );
}
