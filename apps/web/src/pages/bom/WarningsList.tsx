import { warningText } from '@arya/bom';
import { useBoxVirtualRows } from '../../components/virtual-rows';
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
  const { scrollerRef, rows, totalSize } = useBoxVirtualRows(warnings.length, ROW_HEIGHT);
  return (
    <div
      ref={scrollerRef}
      data-testid="warnings-scroller"
      style={{ maxHeight: MAX_HEIGHT, overflowY: 'auto', background: '#fff', border: '1px solid #f0f0f0' }}
    >
      <div role="list" aria-label={label} style={{ height: totalSize, position: 'relative' }}>
        {rows.map(({ index, key, props }) => {
          const warning = warnings[index];
          if (!warning) return null;
          return (
            <div
              key={key}
              role="listitem"
              aria-posinset={index + 1}
              aria-setsize={warnings.length}
              {...props}
              style={{
                ...props.style,
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
