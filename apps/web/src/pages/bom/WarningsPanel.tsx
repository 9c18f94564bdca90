import { Alert, Button, Flex, Segmented, Tag, Typography } from 'antd';
import { useState } from 'react';
import { warningKindName, type WarningCode } from '@arya/bom';
import { useI18n } from '../../i18n/I18nProvider';
import { warningKinds, type Warning, type WarningCounts } from './warning-kinds';
import { WarningsList } from './WarningsList';

type KindFilter = WarningCode | 'all';

/**
 * A set of validation warnings in one box however many there are: the count of each kind at a glance, and on
 * request every warning in a virtualised list that can be narrowed to one kind. `total` counts every warning, also
 * those the server did not list; `whereAll` says where all of them can be read (the result workbook's 校验警告 sheet).
 */
export function WarningsPanel({
  title,
  warnings,
  total,
  counts,
  whereAll,
}: {
  title: string;
  warnings: readonly Warning[];
  total: number;
  counts?: WarningCounts | undefined;
  whereAll: string;
}) {
  const { t, locale } = useI18n();
  const [expanded, setExpanded] = useState(false);
  const [filter, setFilter] = useState<KindFilter>('all');
  if (total === 0) return <Alert type="success" showIcon title={t('bom.noWarnings')} />;
  const kinds = warningKinds(warnings, counts);
  const shown = filter === 'all' ? warnings : warnings.filter((warning) => warning.code === filter);
  return (
    <Alert
      type="warning"
      showIcon
      title={title}
      description={
        <Flex vertical gap={8} align="flex-start" style={{ minWidth: 0, width: '100%' }}>
          {/* open, the filter below shows the same counts */}
          {expanded && kinds.length > 1 ? null : (
            <Flex wrap gap={4} role="list" aria-label={t('bom.warningKinds')}>
              {kinds.map((kind) => (
                <Tag key={kind.code} color="orange" role="listitem" style={{ marginInlineEnd: 0 }}>
                  {warningKindName(kind.code, locale)}: {kind.count}
                </Tag>
              ))}
            </Flex>
          )}
          {expanded ? (
            <Flex vertical gap={8} style={{ width: '100%' }}>
              {kinds.length > 1 ? (
                <div style={{ overflowX: 'auto', maxWidth: '100%' }}>
                  <Segmented<KindFilter>
                    aria-label={t('bom.warningsFilter')}
                    value={filter}
                    onChange={setFilter}
                    options={[
                      { value: 'all', label: `${t('bom.log.all')} (${total})` },
                      ...kinds.map((kind) => ({
                        value: kind.code,
                        label: `${warningKindName(kind.code, locale)} (${kind.count})`,
                      })),
                    ]}
                  />
                </div>
              ) : null}
              {/* a new filter starts at the top of its list */}
              <WarningsList key={filter} warnings={shown} label={title} />
              {warnings.length < total ? (
                <Typography.Text type="secondary">
                  {t('bom.warningsTruncated', { shown: warnings.length, total })}
                </Typography.Text>
              ) : null}
            </Flex>
          ) : null}
          <Typography.Text type="secondary">{whereAll}</Typography.Text>
          <Button type="link" size="small" style={{ paddingInline: 0 }} onClick={() => setExpanded(!expanded)}>
            {expanded ? t('bom.warningsCollapse') : t('bom.warningsShowAll', { count: total })}
          </Button>
        </Flex>
      }
    />
  );
}
