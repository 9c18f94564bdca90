import { SearchOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Flex, Input, Segmented, Statistic, Tag, Typography } from 'antd';
import { useMemo, useState, type ReactNode } from 'react';
import { useScreenI18n } from '../../i18n/screen-i18n';
import { bomLookupMessages } from './bom-lookup-messages';
import {
  countMovedRows,
  filterRows,
  groupMoves,
  isFiltered,
  moveIndex,
  NO_FILTER,
  type CompareFilter,
  type CompareStatusFilter,
  type Comparison,
  type MoveGroup,
} from './compare-filter';
import { CompareTable, MOVE_COLOUR } from './CompareTable';

/** Designators listed per move group before "more: N". */
const GROUP_SHOWN = 12;

function Summary({ comparison }: { comparison: Comparison }) {
  const { t } = useScreenI18n(bomLookupMessages);
  const { summary } = comparison;
  const items: [label: string, value: number, colour?: string][] = [
    [t('compare.status.added'), summary.added, '#389e0d'],
    [t('compare.status.removed'), summary.removed, '#cf1322'],
    [t('compare.status.changed'), summary.changed, '#d48806'],
    [t('compare.status.unchanged'), summary.unchanged],
    [t('compare.designatorsAdded'), summary.designatorsAdded],
    [t('compare.designatorsRemoved'), summary.designatorsRemoved],
    [t('compare.designatorsMoved'), summary.moved, MOVE_COLOUR],
  ];
  return (
    <Flex wrap style={{ columnGap: 32, rowGap: 8 }} data-testid="compare-summary">
      {items.map(([label, value, colour]) => (
        <Statistic key={label} title={label} value={value} styles={{ content: colour ? { color: colour } : {} }} />
      ))}
    </Flex>
  );
}

function MovesList({ groups, onPick }: { groups: MoveGroup[]; onPick: (group: MoveGroup) => void }) {
  const { t } = useScreenI18n(bomLookupMessages);
  return (
    <div style={{ maxHeight: 200, overflowY: 'auto' }}>
      <Flex wrap gap={8} role="list" aria-label={t('compare.moves')}>
        {groups.map((group) => (
          <Button
            key={`${group.from}→${group.to}`}
            role="listitem"
            size="small"
            onClick={() => onPick(group)}
            style={{ borderColor: MOVE_COLOUR, color: MOVE_COLOUR, height: 'auto', whiteSpace: 'normal' }}
          >
            <span>
              <strong>
                {group.from} → {group.to}
              </strong>
              : {group.designators.slice(0, GROUP_SHOWN).join(', ')}
              {group.designators.length > GROUP_SHOWN
                ? ` (${t('compare.more', { count: group.designators.length - GROUP_SHOWN })})`
                : null}
            </span>
          </Button>
        ))}
      </Flex>
    </div>
  );
}

/** A comparison's counts, its moves and its rows, filterable; `actions` (the download) sit in the summary's corner. */
export function ComparisonView({ comparison, actions }: { comparison: Comparison; actions: ReactNode }) {
  const { t } = useScreenI18n(bomLookupMessages);
  const [filter, setFilter] = useState<CompareFilter>(NO_FILTER);
  const movesOf = useMemo(() => moveIndex(comparison.moves), [comparison.moves]);
  const groups = useMemo(() => groupMoves(comparison.moves), [comparison.moves]);
  const movedRows = useMemo(() => countMovedRows(comparison.rows, movesOf), [comparison.rows, movesOf]);
  const shown = useMemo(() => filterRows(comparison.rows, movesOf, filter), [comparison.rows, movesOf, filter]);
  const { summary } = comparison;

  const statusOptions: { value: CompareStatusFilter; label: string }[] = [
    { value: 'all', label: `${t('compare.filter.all')} ${comparison.rows.length}` },
    { value: 'added', label: `${t('compare.status.added')} ${summary.added}` },
    { value: 'removed', label: `${t('compare.status.removed')} ${summary.removed}` },
    { value: 'changed', label: `${t('compare.status.changed')} ${summary.changed}` },
    ...(movedRows > 0 ? [{ value: 'moved' as const, label: `${t('compare.filter.moved')} ${movedRows}` }] : []),
  ];

  return (
    <>
      <Card title={t('compare.summary')} extra={actions}>
        <Summary comparison={comparison} />
      </Card>
      {groups.length > 0 ? (
        <Card title={t('compare.moves')} size="small">
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            {t('compare.movesHint')}
          </Typography.Paragraph>
          <MovesList groups={groups} onPick={(group) => setFilter({ ...NO_FILTER, move: group })} />
        </Card>
      ) : null}
      <Card title={t('compare.table')}>
        {comparison.rows.length === 0 ? (
          <Empty description={t('compare.identical', { count: summary.unchanged })} />
        ) : (
          <Flex vertical gap={12}>
            <Flex wrap gap={8} align="center">
              <div style={{ overflowX: 'auto', maxWidth: '100%' }}>
                <Segmented<CompareStatusFilter>
                  aria-label={t('compare.filter.status')}
                  value={filter.status}
                  onChange={(status) => setFilter((f) => ({ ...f, status }))}
                  options={statusOptions}
                />
              </div>
              <Input
                prefix={<SearchOutlined />}
                allowClear
                aria-label={t('compare.filter.material')}
                placeholder={t('compare.filter.material')}
                value={filter.material}
                onChange={(event) => setFilter((f) => ({ ...f, material: event.target.value }))}
                style={{ width: 200 }}
              />
              <Input
                prefix={<SearchOutlined />}
                allowClear
                aria-label={t('compare.filter.designators')}
                placeholder={t('compare.filter.designators')}
                value={filter.designators}
                onChange={(event) => setFilter((f) => ({ ...f, designators: event.target.value }))}
                style={{ width: 240 }}
              />
              {filter.move ? (
                <Tag closable color="purple" onClose={() => setFilter((f) => ({ ...f, move: null }))}>
                  {t('compare.moveFilter', filter.move)}
                </Tag>
              ) : null}
              {isFiltered(filter) ? (
                <Button type="link" onClick={() => setFilter(NO_FILTER)}>
                  {t('compare.filter.clear')}
                </Button>
              ) : null}
            </Flex>
            <Typography.Text type="secondary" aria-live="polite" data-testid="compare-shown">
              {t('compare.shown', { shown: shown.length, total: comparison.rows.length })}
            </Typography.Text>
            {shown.length === 0 ? (
              <Empty description={t('compare.filter.none')}>
                <Button onClick={() => setFilter(NO_FILTER)}>{t('compare.filter.clear')}</Button>
              </Empty>
            ) : (
              <CompareTable rows={shown} movesOf={movesOf} label={t('compare.table')} />
            )}
          </Flex>
        )}
      </Card>
    </>
  );
}
