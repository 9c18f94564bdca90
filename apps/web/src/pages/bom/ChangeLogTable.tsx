import { Segmented, Table, Tag, type TableColumnsType } from 'antd';
import { useState, type ReactNode } from 'react';
import { changeLogNote } from '@arya/bom';
import { useI18n } from '../../i18n/I18nProvider';
import { opStatusColour, quantityText, type ChangeLogEntry, type OpStatus } from './run-labels';

type Filter = OpStatus | 'all';
const STATUSES: OpStatus[] = ['applied', 'partial', 'unchanged', 'not_found', 'ambiguous', 'invalid'];

/** Long text that wraps at any character (designator lists have no spaces to break at). */
function Wrapped({ children }: { children: ReactNode }) {
  return <div style={{ whiteSpace: 'normal', overflowWrap: 'anywhere' }}>{children}</div>;
}

/** The change log (变更日志) as the workbook has it, filterable by status with the count of each. */
export function ChangeLogTable({ log }: { log: ChangeLogEntry[] }) {
  const { t, locale } = useI18n();
  const [filter, setFilter] = useState<Filter>('all');
  const counts = new Map<OpStatus, number>();
  for (const entry of log) counts.set(entry.status, (counts.get(entry.status) ?? 0) + 1);
  const shown = filter === 'all' ? log : log.filter((entry) => entry.status === filter);

  const columns: TableColumnsType<ChangeLogEntry> = [
    { title: t('bom.log.seq'), dataIndex: 'seq', key: 'seq', width: 60 },
    {
      title: t('bom.ops.materialCode'),
      key: 'materialCode',
      width: 120,
      render: (_v, e) => <Wrapped>{String(e.materialCode ?? '')}</Wrapped>,
    },
    { title: t('bom.ops.op'), dataIndex: 'op', key: 'op', width: 84 },
    {
      title: t('bom.ops.designators'),
      dataIndex: 'designators',
      key: 'designators',
      width: 180,
      render: (designators: string) => <Wrapped>{designators}</Wrapped>,
    },
    {
      title: t('bom.log.status'),
      dataIndex: 'status',
      key: 'status',
      width: 100,
      render: (status: OpStatus) => <Tag color={opStatusColour[status]}>{t(`bom.op.${status}`)}</Tag>,
    },
    {
      title: t('bom.diff.row'),
      dataIndex: 'bomRow',
      key: 'bomRow',
      width: 72,
      render: (row: number | null) => row ?? '—',
    },
    {
      title: t('bom.diff.quantity'),
      key: 'quantity',
      width: 96,
      render: (_v, e) =>
        e.oldQuantity === null && e.newQuantity === null
          ? '—'
          : `${quantityText(e.oldQuantity)} → ${quantityText(e.newQuantity)}`,
    },
    // No width: the note takes the room left and wraps, so a long one is read whole, never cut at the card's edge.
    { title: t('bom.log.note'), key: 'note', render: (_v, e) => <Wrapped>{changeLogNote(e.notes, locale)}</Wrapped> },
  ];

  return (
    <>
      <div style={{ overflowX: 'auto', marginBottom: 12 }}>
        <Segmented<Filter>
          aria-label={t('bom.log.status')}
          value={filter}
          onChange={setFilter}
          options={[
            { value: 'all', label: `${t('bom.log.all')} (${log.length})` },
            ...STATUSES.filter((status) => counts.has(status)).map((status) => ({
              value: status,
              label: `${t(`bom.op.${status}`)} (${counts.get(status)})`,
            })),
          ]}
        />
      </div>
      <Table<ChangeLogEntry>
        size="small"
        rowKey="seq"
        columns={columns}
        dataSource={shown}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        tableLayout="fixed"
        // Below this the columns would squeeze the note to a sliver: the table scrolls sideways instead (phones).
        scroll={{ x: 900 }}
        sticky
      />
    </>
  );
}
