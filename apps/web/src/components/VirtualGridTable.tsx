import type { CSSProperties, ReactNode } from 'react';
import { usePageVirtualRows } from './virtual-rows';

export interface GridColumn<T> {
  key: string;
  title: ReactNode;
  /** a CSS grid track, e.g. `76px` or `minmax(120px, 3fr)` */
  width: string;
  render: (row: T) => ReactNode;
}

const CELL: CSSProperties = { padding: '6px 8px', overflowWrap: 'anywhere', minWidth: 0 };

/**
 * A long table virtualised against the page's own scroll: only the rows in view are in the DOM, so 5,000 rows scroll
 * as lightly as 50, with no inner scroll box; the header row sticks to the top. A plain CSS grid with table roles
 * keeps it readable by screen readers. Keep the tracks narrow enough for a phone, so nothing scrolls sideways.
 */
export function VirtualGridTable<T>({
  label,
  rows,
  columns,
  estimateRowHeight,
  testId,
  rowStyle,
}: {
  label: string;
  rows: readonly T[];
  columns: readonly GridColumn<T>[];
  estimateRowHeight: number;
  /** `data-testid` of the row group */
  testId?: string;
  /** extra style for one row (a highlight) */
  rowStyle?: (row: T) => CSSProperties | undefined;
}) {
  const { containerRef, rows: shown, totalSize } = usePageVirtualRows(rows.length, estimateRowHeight);
  const gridTemplateColumns = columns.map((column) => column.width).join(' ');
  return (
    <div role="table" aria-label={label} aria-rowcount={rows.length + 1}>
      <div
        role="row"
        style={{
          display: 'grid',
          gridTemplateColumns,
          background: '#fafafa',
          fontWeight: 600,
          borderBottom: '1px solid #f0f0f0',
          position: 'sticky',
          top: 0,
          zIndex: 2,
        }}
      >
        {columns.map((column) => (
          <div key={column.key} role="columnheader" style={CELL}>
            {column.title}
          </div>
        ))}
      </div>
      <div ref={containerRef} role="rowgroup" data-testid={testId} style={{ height: totalSize, position: 'relative' }}>
        {shown.map(({ index, key, props }) => {
          const row = rows[index];
          if (row === undefined) return null;
          return (
            <div
              key={key}
              role="row"
              aria-rowindex={index + 2}
              {...props}
              style={{
                ...props.style,
                display: 'grid',
                gridTemplateColumns,
                borderBottom: '1px solid #f0f0f0',
                ...rowStyle?.(row),
              }}
            >
              {columns.map((column) => (
                <div key={column.key} role="cell" style={CELL}>
                  {column.render(row)}
                </div>
              ))}
            </div>
          );
        })}
      </div>
    </div>
  );
}
