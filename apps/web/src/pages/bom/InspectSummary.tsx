import { Descriptions, Flex, Table, Tag, Typography } from 'antd';
import { useI18n } from '../../i18n/I18nProvider';
import type { MessageKey } from '../../i18n/messages';
import { columnIndex } from '../../lib/columns';
import type { UploadedWorkbook } from '../../lib/upload-workbook';
import { WarningsPanel } from './WarningsPanel';

type Inspect = UploadedWorkbook['inspect'];
type Sheet = Inspect['bom'];

const PREVIEW_ROWS = 20;

/**
 * What the engine detected in the workbook (sheet, header row, column roles) and its warnings, before anything runs.
 */
export function InspectSummary({ inspect, fileName }: { inspect: Inspect; fileName: string }) {
  const { t } = useI18n();
  return (
    <section aria-label={fileName}>
      <SheetDescription sheet={inspect.bom} />
      <div style={{ marginBottom: 16 }}>
        <WarningsPanel
          title={t('bom.warnings', { count: inspect.warningsTotal })}
          warnings={inspect.warnings}
          total={inspect.warningsTotal}
          counts={inspect.warningCounts}
          whereAll={t('bom.warningsWillBeInResult')}
        />
      </div>
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
        <Flex wrap gap={4}>
          {Object.entries(sheet.roles).map(([role, column]) =>
            column ? (
              <Tag key={role} color="blue" style={{ marginInlineEnd: 0 }}>
                {t(`bom.role.${role}` as MessageKey)}: {column.column} 「{column.header}」
              </Tag>
            ) : null,
          )}
        </Flex>
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
