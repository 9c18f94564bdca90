import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { Empty } from 'antd';
import { useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { quantityText, type RowDiff } from './run-labels';

const ROW_HEIGHT = 56;
// Narrow enough for a phone, so no box of its own scrolls sideways and the header can stick to the page's top.
const GRID = '52px minmax(72px, 1fr) minmax(120px, 3fr) 76px';

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

/** Where an element starts in the page, kept up to date as content above it grows or shrinks. */
function usePageOffset(ref: RefObject<HTMLElement | null>): number {
  const [offset, setOffset] = useState(0);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setOffset(element.getBoundingClientRect().top + window.scrollY);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(document.body);
    return () => observer.disconnect();
  }, [ref]);
  return offset;
}

/**
 * The changed rows, virtualised against the page's own scroll: only the rows in view are in the DOM, so a 5,000-row
 * diff scrolls as lightly as a 50-row one, with no inner scroll box; the header row sticks to the top. A plain CSS
 * grid with table roles keeps it readable by screen readers.
 */
export function DiffTable({ diff }: { diff: RowDiff[] }) {
  const { t } = useI18n();
  const rows = useRef<HTMLDivElement>(null);
  const offset = usePageOffset(rows);
  // The React Compiler is not used here, so the virtualizer's unmemoisable functions are fine.
  // oxlint-disable-next-line react/incompatible-library
  const virtualizer = useWindowVirtualizer({
    count: diff.length,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    scrollMargin: offset,
  });

  if (diff.length === 0) return <Empty description={t('bom.diff.empty')} />;

  const cell = { padding: '6px 8px', overflowWrap: 'anywhere', minWidth: 0 } as const;
  return (
    <div role="table" aria-label={t('bom.diff', { count: diff.length })} aria-rowcount={diff.length + 1}>
      <div
        role="row"
        style={{
          display: 'grid',
          gridTemplateColumns: GRID,
          background: '#fafafa',
          fontWeight: 600,
          borderBottom: '1px solid #f0f0f0',
          position: 'sticky',
          top: 0,
          zIndex: 2,
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
        ref={rows}
        role="rowgroup"
        data-testid="diff-rows"
        style={{ height: virtualizer.getTotalSize(), position: 'relative' }}
      >
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
                transform: `translateY(${item.start - virtualizer.options.scrollMargin}px)`,
                display: 'grid',
                gridTemplateColumns: GRID,
                borderBottom: '1px solid #f0f0f0',
              }}
            >
              <div role="cell" style={cell}>
                {row.bomRow}
              </div>
              <div role="cell" style={cell}>
                {row.materialCode}
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
  );
}
