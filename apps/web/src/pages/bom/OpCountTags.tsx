import { Space, Tag } from 'antd';
import { useI18n } from '../../i18n/I18nProvider';
import { opStatusColour, type OpStatus, type Run } from './run-labels';

/** How a run's operations ended, one tag per status that occurred ("Applied: 19", "Ambiguous: 11", …). */
export function OpCountTags({ counts }: { counts: NonNullable<Run['summary']>['counts'] }) {
  const { t } = useI18n();
  return (
    <Space wrap size={4}>
      {(Object.entries(counts) as [OpStatus, number][])
        .filter(([, count]) => count > 0)
        .map(([status, count]) => (
          <Tag key={status} color={opStatusColour[status]}>
            {t(`bom.op.${status}`)}: {count}
          </Tag>
        ))}
    </Space>
  );
}
