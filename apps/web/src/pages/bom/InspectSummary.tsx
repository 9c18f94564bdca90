import { Descriptions, Table, Tag, Typography } from 'antd';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages';
import { columnIndex } from '../../lib/columns';
import type { UploadedWorkbook } from '../../lib/upload-workbook';
import { WarningsAlert } from './WarningsAlert';

type Inspect = UploadedWorkbook['inspect'];
type Sheet = Inspect['bom'];

const PREVIEW_ROWS = 20;

/** What the engine detected in the workbook (sheet, header row, column roles) and its warnings, before anything runs. */
export function InspectSummary({ inspect, fileName }: { inspect: Inspect; fileName: string }) {
  return (
    <section aria-label={fileName}>
      <SheetDescription sheet={inspect.bom} />
      {/* Before a run the warnings are what the user came to check: open by default. */}
      <WarningsAlert warnings={inspect.warnings} total={inspect.warningsTotal} defaultExpanded />
      <SheetPreview sheet={inspect.bom} />
    </section>
  );
}

export function SheetDescription({ sheet }: { sheet: Sheet | NonNullable<Inspect['ops']> }) {
  const { t } = useI18n();
  return (
    <Descriptions size="small" column={{ xs: 1, md: 3 }} style={{ marginBottom: 16 }}>
      <Descriptions.Item label={t('bom.sheet')}>{sheet.sheet}</Descriptions.Item>
      <Descriptions.Item label={t('bom.headerRow')}>{sheet.headerRow}</Descriptions.Item>
      <Descriptions.Item label={t('bom.dataRows')}>{sheet.dataRowCount}</Descriptions.Item>
      <Descriptions.Item label={t('bom.columns')} span={3}>
        {Object.entries(sheet.roles).map(([role, column]) =>
          column ? (
            <Tag key={role} color="blue">
              {t(`bom.role.${role}` as MessageKey)}: {column.column} 「{column.header}」
            </Tag>
          ) : null,
        )}
      </Descriptions.Item>
    </Descriptions>
  );
}

function SheetPreview({ sheet }: { sheet: Sheet }) {
  const { t } = useI18n();
  const rows = sheet.preview.slice(0, PREVIEW_ROWS);
  const columns = [
    { title: '#', dataIndex: 'rowNumber', key: 'rowNumber', width: 60, fixed: 'left' as const },
    ...sheet.headers.map((header) => ({
      title: header.header || header.column,
      key: header.column,
      render: (_value: unknown, row: (typeof rows)[number]) => {
        const cell = row.values[columnIndex(header.column)];
        return cell === null || cell === undefined ? '' : String(cell);
      },
      ellipsis: true,
    })),
  ];
  return (
    <>
      <Typography.Text strong>{t('bom.preview', { count: rows.length })}</Typography.Text>
      <Table
        size="small"
        rowKey="rowNumber"
        columns={columns}
        dataSource={rows}
        pagination={false}
        scroll={{ x: 'max-content', y: 320 }}
        style={{ marginTop: 8 }}
      />
    </>
  );
}
