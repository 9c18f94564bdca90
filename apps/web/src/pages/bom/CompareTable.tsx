import { SwapRightOutlined } from '@ant-design/icons';
import { Grid, Tag } from 'antd';
import { Fragment, type CSSProperties } from 'react';
import { VirtualGridTable, type GridColumn } from '../../components/VirtualGridTable';
import { useScreenI18n } from '../../i18n/screen-i18n';
import { bomLookupMessages } from './bom-lookup-messages';
import { changedFields, type CompareRow, type CompareRowStatus, type RowMoves } from './compare-filter';
import { quantityText } from './run-labels';

const ROW_HEIGHT = 40;

export const compareStatusColour: Record<CompareRowStatus, string> = {
  added: 'green',
  removed: 'red',
  changed: 'gold',
  unchanged: 'default',
};

/** A row a move touches: a purple edge, the colour of the moves list. */
export const MOVE_COLOUR = '#722ed1';
const MOVED_ROW: CSSProperties = { boxShadow: `inset 3px 0 0 ${MOVE_COLOUR}`, background: '#f9f0ff' };

function DesignatorChanges({ row, moves }: { row: CompareRow; moves: RowMoves }) {
  const { t } = useScreenI18n(bomLookupMessages);
  const movedTo = new Map(moves.out.map((m) => [m.designator, m.to]));
  const movedFrom = new Map(moves.in.map((m) => [m.designator, m.from]));
  const item = (designator: string, kind: 'added' | 'removed') => {
    const other = kind === 'added' ? movedFrom.get(designator) : movedTo.get(designator);
    const title =
      other === undefined
        ? t(kind === 'added' ? 'bom.diff.added' : 'bom.diff.removed')
        : t(kind === 'added' ? 'compare.movedFrom' : 'compare.movedTo', { material: other });
    const style: CSSProperties =
      kind === 'added'
        ? { color: '#389e0d', textDecoration: 'none', fontWeight: 600 }
        : { color: '#cf1322', textDecorationColor: '#cf1322' };
    const Mark = kind === 'added' ? 'ins' : 'del';
    return (
      <span key={`${kind}-${designator}`} style={{ whiteSpace: 'nowrap', marginInlineEnd: 8 }}>
        <Mark style={style} title={title}>
          {kind === 'added' ? '+' : '−'}
          {designator}
        </Mark>
        {other === undefined ? null : (
          <span data-testid="moved-designator" style={{ color: MOVE_COLOUR, fontSize: 12 }}>
            {' '}
            <SwapRightOutlined aria-hidden /> {title}
          </span>
        )}
      </span>
    );
  };
  return (
    <span style={{ lineHeight: 1.7 }}>
      {row.addedDesignators.map((d) => item(d, 'added'))}
      {row.removedDesignators.map((d) => item(d, 'removed'))}
    </span>
  );
}

const arrow = (before: string, after: string) => (before === after ? after : `${before} → ${after}`);
const quantity = (row: CompareRow) => arrow(quantityText(row.oldQty), quantityText(row.newQty));
/** The old and the new description of a row whose description changed (a blank one as —). */
const descriptionSides = (row: CompareRow) =>
  row.oldDescription === undefined ? null : { before: row.oldDescription ?? '—', after: row.description ?? '—' };

function Description({ row, narrow = false }: { row: CompareRow; narrow?: boolean }) {
  const { t } = useScreenI18n(bomLookupMessages);
  const sides = descriptionSides(row);
  if (sides === null) return narrow ? null : <>{row.description ?? '—'}</>;
  const label = t('compare.descriptionChange', sides);
  return narrow ? (
    <div
      data-testid="description-change"
      style={{ fontSize: 12, color: 'rgba(0, 0, 0, 0.55)', overflowWrap: 'anywhere' }}
    >
      {label}
    </div>
  ) : (
    // keep-all: a line breaks at a space or the arrow, not inside a word (稳压二极 / 管); a word longer than the column
    // still breaks (the cell's overflow-wrap)
    <span data-testid="description-change" title={label} style={{ wordBreak: 'keep-all' }}>
      {`${sides.before} → ${sides.after}`}
    </span>
  );
}

/**
 * Every difference of a comparison (filtered), virtualised against the page's scroll; rows a move touches stand out.
 */
export function CompareTable({
  rows,
  movesOf,
  label,
}: {
  rows: readonly CompareRow[];
  movesOf: (row: CompareRow) => RowMoves;
  label: string;
}) {
  const { t } = useScreenI18n(bomLookupMessages);
  // Under 768 px the level and quantity go under the code (and a changed description under them) and the description
  // and rows are left out, so the table fits a phone without scrolling sideways.
  const wide = Grid.useBreakpoint().md ?? true;
  const narrowMaterial: GridColumn<CompareRow> = {
    key: 'material',
    title: t('compare.col.material'),
    width: 'minmax(84px, 1fr)',
    render: (row) => (
      <>
        <div style={{ fontFamily: 'monospace' }}>{row.materialCode}</div>
        <div style={{ fontSize: 12, color: 'rgba(0, 0, 0, 0.55)' }}>
          {t('whereUsed.level', { level: quantityText(row.level) })} ·{' '}
          {t('whereUsed.quantity', { quantity: quantity(row) })}
        </div>
        <Description row={row} narrow />
      </>
    ),
  };
  const all: GridColumn<CompareRow>[] = [
    {
      key: 'status',
      title: t('compare.col.status'),
      // wide enough for the longest changed field (Designators) whole
      width: '96px',
      render: (row) => {
        const fields = changedFields(row);
        return (
          <>
            <Tag color={compareStatusColour[row.status]} style={{ marginInlineEnd: 0 }}>
              {t(`compare.status.${row.status}`)}
            </Tag>
            {fields.length > 0 ? (
              <div data-testid="changed-fields" style={{ fontSize: 12, color: 'rgba(0, 0, 0, 0.55)', marginTop: 2 }}>
                {/* a field name is never broken across lines (描 / 述): lines break between fields only */}
                {fields.map((field, i) => (
                  <Fragment key={field}>
                    {i > 0 ? ' · ' : null}
                    <span style={{ whiteSpace: 'nowrap' }}>{t(`compare.changed.${field}`)}</span>
                  </Fragment>
                ))}
              </div>
            ) : null}
          </>
        );
      },
    },
    { key: 'level', title: t('compare.col.level'), width: '52px', render: (row) => row.level ?? '—' },
    {
      key: 'material',
      title: t('compare.col.material'),
      width: 'minmax(90px, 1fr)',
      render: (row) => <span style={{ fontFamily: 'monospace' }}>{row.materialCode}</span>,
    },
    {
      key: 'description',
      title: t('compare.col.description'),
      // room for old → new: as much as the designators get
      width: 'minmax(100px, 2.2fr)',
      render: (row) => <Description row={row} />,
    },
    {
      key: 'quantity',
      title: t('compare.col.quantity'),
      width: '96px',
      render: quantity,
    },
    {
      key: 'rows',
      title: t('compare.col.rows'),
      width: '96px',
      render: (row) => `${quantityText(row.oldRow)} → ${quantityText(row.newRow)}`,
    },
    {
      key: 'designators',
      title: t('compare.col.designators'),
      width: 'minmax(160px, 2.2fr)',
      render: (row) => <DesignatorChanges row={row} moves={movesOf(row)} />,
    },
  ];
  const columns = wide
    ? all
    : all.flatMap((column) =>
        column.key === 'material'
          ? [narrowMaterial]
          : column.key === 'designators'
            ? [{ ...column, width: 'minmax(110px, 1.6fr)' }]
            : column.key === 'status'
              ? [column]
              : [],
      );
  return (
    <VirtualGridTable
      label={label}
      rows={rows}
      columns={columns}
      estimateRowHeight={ROW_HEIGHT}
      testId="compare-rows"
      rowStyle={(row) => {
        const moves = movesOf(row);
        return moves.in.length + moves.out.length > 0 ? MOVED_ROW : undefined;
      }}
    />
  );
}
