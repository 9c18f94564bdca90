import { Empty } from 'antd';
import { VirtualGridTable, type GridColumn } from '../../components/VirtualGridTable';
import { useI18n } from '../../i18n/I18nProvider';
import { quantityText, type RowDiff } from './run-labels';

const ROW_HEIGHT = 56;

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

/** The changed rows of a run, virtualised (a 5,000-row diff scrolls as lightly as a 50-row one). */
export function DiffTable({ diff }: { diff: RowDiff[] }) {
  const { t } = useI18n();
  if (diff.length === 0) return <Empty description={t('bom.diff.empty')} />;
  const columns: GridColumn<RowDiff>[] = [
    // 72 px keeps the header (BOM 行) on one line where there is room; a phone's table has none, so 52 there
    { key: 'row', title: t('bom.diff.row'), width: 'minmax(52px, 72px)', render: (row) => row.bomRow },
    // A material code is one word: on a phone (316 px for the table) its column gets room for nine characters, taken
    // from the designators, which wrap at commas anyway.
    {
      key: 'code',
      title: t('bom.ops.materialCode'),
      width: 'minmax(92px, 1fr)',
      render: (row) => <span style={{ overflowWrap: 'normal' }}>{row.materialCode}</span>,
    },
    {
      key: 'designators',
      title: t('bom.diff.designators'),
      width: 'minmax(96px, 3fr)',
      render: (row) => <DesignatorChanges diff={row} />,
    },
    {
      key: 'quantity',
      title: t('bom.diff.quantity'),
      width: '76px',
      render: (row) => (
        <>
          {quantityText(row.quantityBefore)} → <strong>{quantityText(row.quantityAfter)}</strong>
        </>
      ),
    },
  ];
  return (
    <VirtualGridTable
      label={t('bom.diff', { count: diff.length })}
      rows={diff}
      columns={columns}
      estimateRowHeight={ROW_HEIGHT}
      testId="diff-rows"
    />
  );
}
