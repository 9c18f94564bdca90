import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import {
  AutoComplete,
  Button,
  Flex,
  Input,
  InputNumber,
  Select,
  Space,
  Table,
  Tag,
  Typography,
  type TableColumnsType,
} from 'antd';
import { useMemo } from 'react';
import { useI18n } from '../../i18n/I18nProvider';
import { previewDesignators } from '../../lib/designator-preview';
import {
  blankOp,
  candidateRows,
  problemText,
  rowProblems,
  sentIndexes,
  targetRow,
  type BomRowChoice,
  type EditableOp,
} from './ops-rows';

/** Rows offered as one-click pins; more than this is rare, and the BOM行 box takes any row. */
const PIN_CHOICES = 8;

/**
 * Operations entered online, one row per op: the material code is picked from the BOM (or typed), designators are
 * parsed as they are typed (ranges expanded, repeats named) and checked against that BOM row.
 */
export function OpsEditor({
  rows,
  onChange,
  choices,
  serverErrors,
}: {
  rows: EditableOp[];
  onChange: (rows: EditableOp[]) => void;
  choices: BomRowChoice[];
  serverErrors: Record<string, string[]>;
}) {
  const { t } = useI18n();
  const problems = useMemo(() => rowProblems(rows), [rows]);
  const sentIndexOf = useMemo(() => sentIndexes(rows), [rows]);
  const byCode = useMemo(() => {
    const map = new Map<string, BomRowChoice[]>();
    for (const choice of choices) map.set(choice.materialCode, [...(map.get(choice.materialCode) ?? []), choice]);
    return map;
  }, [choices]);
  const codeOptions = useMemo(() => [...byCode.keys()].map((code) => ({ value: code })), [byCode]);
  const update = (key: number, patch: Partial<EditableOp>) =>
    onChange(rows.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  const rowLabel = (index: number, field: string) => t('bom.ops.rowLabel', { row: index + 1, field });

  /** Level and BOM row: optional whole numbers. */
  const wholeNumberColumn = (
    field: 'level' | 'bomRow',
    title: string,
    min: number,
    width: number,
  ): TableColumnsType<EditableOp>[number] => ({
    title,
    key: field,
    width: width + 20,
    render: (_v, row, index) => (
      <InputNumber
        size="small"
        min={min}
        precision={0}
        value={row[field]}
        aria-label={rowLabel(index, title)}
        onChange={(value) => {
          const whole = typeof value === 'number' ? value : null;
          update(row.key, field === 'level' ? { level: whole } : { bomRow: whole });
        }}
        style={{ width }}
      />
    ),
  });

  const columns: TableColumnsType<EditableOp> = [
    wholeNumberColumn('level', t('bom.ops.level'), 0, 70),
    {
      title: t('bom.ops.materialCode'),
      key: 'materialCode',
      width: 220,
      render: (_v, row, index) => {
        const candidates = candidateRows(byCode, row);
        return (
          <Space orientation="vertical" size={4}>
            <AutoComplete
              size="small"
              value={row.materialCode}
              options={codeOptions}
              placeholder={t('bom.ops.pickCode')}
              aria-label={rowLabel(index, t('bom.ops.materialCode'))}
              filterOption={(input, option) =>
                String(option?.value ?? '')
                  .toLowerCase()
                  .includes(input.toLowerCase())
              }
              // A pin belongs to the code it was chosen for.
              onChange={(materialCode: string) => update(row.key, { materialCode, bomRow: null })}
              style={{ width: 200 }}
            />
            {candidates.length > 1 && row.bomRow === null ? (
              <Typography.Text type="warning" style={{ fontSize: 12, maxWidth: 200 }}>
                {t('bom.ops.pickRow', { count: candidates.length })}
                {candidates.slice(0, PIN_CHOICES).map((choice) => (
                  <Button
                    key={choice.rowNumber}
                    type="link"
                    size="small"
                    style={{ paddingInline: 4, height: 'auto' }}
                    onClick={() => update(row.key, { bomRow: choice.rowNumber })}
                  >
                    {t('bom.ops.rowN', { row: choice.rowNumber })}
                  </Button>
                ))}
              </Typography.Text>
            ) : null}
          </Space>
        );
      },
    },
    wholeNumberColumn('bomRow', t('bom.ops.bomRow'), 1, 80),
    {
      title: t('bom.ops.op'),
      key: 'op',
      width: 120,
      render: (_v, row, index) => (
        <Select
          size="small"
          value={row.op}
          aria-label={rowLabel(index, t('bom.ops.op'))}
          onChange={(op) => update(row.key, { op })}
          options={[
            { value: 'del', label: t('bom.ops.del') },
            { value: 'add', label: t('bom.ops.add') },
          ]}
          style={{ width: 100 }}
        />
      ),
    },
    {
      title: t('bom.ops.designators'),
      key: 'designators',
      render: (_v, row, index) => {
        const target = targetRow(candidateRows(byCode, row), row);
        const preview = previewDesignators(row.designators, row.op, target?.designators ?? null);
        const sentIndex = sentIndexOf.get(index);
        const errors = [
          ...(problems.get(index) ?? []).map((problem) => problemText(problem, t)),
          ...(sentIndex === undefined ? [] : (serverErrors[`ops.${sentIndex}`] ?? [])),
        ];
        return (
          <Space orientation="vertical" size={4} style={{ width: '100%' }}>
            <Input
              size="small"
              value={row.designators}
              placeholder="R1-R4, C7"
              status={errors.length > 0 ? 'error' : undefined}
              aria-label={rowLabel(index, t('bom.ops.designators'))}
              aria-invalid={errors.length > 0}
              onChange={(event) => update(row.key, { designators: event.target.value })}
            />
            {preview.items.length > 0 ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid={`op-preview-${index}`}>
                {t('bom.ops.expanded', { count: preview.items.length })}: {preview.items.slice(0, 30).join(', ')}
                {preview.items.length > 30 ? '…' : ''}
              </Typography.Text>
            ) : null}
            {preview.repeated.length > 0 ? (
              <Tag color="orange">{t('bom.ops.repeated', { list: preview.repeated.join(', ') })}</Tag>
            ) : null}
            {preview.notInBom.length > 0 ? (
              <Tag color="orange">{t('bom.ops.notInBom', { list: preview.notInBom.join(', ') })}</Tag>
            ) : null}
            {preview.alreadyInBom.length > 0 ? (
              <Tag color="orange">{t('bom.ops.alreadyInBom', { list: preview.alreadyInBom.join(', ') })}</Tag>
            ) : null}
            {errors.map((message) => (
              <Typography.Text key={message} type="danger" style={{ fontSize: 12 }} role="alert">
                {message}
              </Typography.Text>
            ))}
          </Space>
        );
      },
    },
    {
      title: '',
      key: 'remove',
      width: 48,
      render: (_v, row, index) => (
        <Button
          size="small"
          type="text"
          danger
          icon={<DeleteOutlined />}
          aria-label={t('bom.ops.removeRow', { row: index + 1 })}
          onClick={() => onChange(rows.filter((other) => other.key !== row.key))}
        />
      ),
    },
  ];

  return (
    <Flex vertical gap={8}>
      <Table<EditableOp>
        size="small"
        rowKey="key"
        columns={columns}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: t('bom.ops.empty') }}
        scroll={{ x: 'max-content' }}
      />
      <Button
        icon={<PlusOutlined />}
        onClick={() => onChange([...rows, blankOp()])}
        style={{ alignSelf: 'flex-start' }}
      >
        {t('bom.ops.addRow')}
      </Button>
    </Flex>
  );
}
