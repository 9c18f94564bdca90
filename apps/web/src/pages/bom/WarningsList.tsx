import { useVirtualizer } from '@tanstack/react-virtual';
import { useRef } from 'react';
import { warningText } from '@arya/bom';
import { useI18n } from '../../i18n/I18nProvider';
import type { Warning } from './warning-kinds';

const ROW_HEIGHT = 30;
const MAX_HEIGHT = 360;

/**
 * Every warning given, virtualised: only the rows in view are in the page, so 100,000 warnings scroll as lightly as
 * ten. Rows are measured, so a long warning wraps instead of being cut.
 */
export function WarningsList({ warnings, label }: { warnings: readonly Warning[]; label: string }) {
  const { locale } = useI18n();
  const scroller = useRef<HTMLDivElement>(null);
  // The React Compiler is not used here, so the virtualizer's unmemoisable functions are fine.
  // oxlint-disable-next-line react/incompatible-library
  const virtualizer = useVirtualizer({
    count: warnings.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  });
  return (
    <div
      ref={scroller}
      data-testid="warnings-scroller"
      style={{ maxHeight: MAX_HEIGHT, overflowY: 'auto', background: '#fff', border: '1px solid #f0f0f0' }}
    >
      <div role="list" aria-label={label} style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((item) => {
          const warning = warnings[item.index];
          if (!warning) return null;
          return (
            <div
              key={item.key}
              role="listitem"
              aria-posinset={item.index + 1}
              aria-setsize={warnings.length}
              data-index={item.index}
              ref={virtualizer.measureElement}
              style={{
                position: 'absolute',
                top: 0,
                left: 0,
                width: '100%',
                transform: `translateY(${item.start}px)`,
                padding: '4px 12px',
                borderBottom: '1px solid #f0f0f0',
                overflowWrap: 'anywhere',
              }}
            >
              {warningText(warning, locale)}
            </div>
          );
        })}
      </div>
    </div>
  );
}
