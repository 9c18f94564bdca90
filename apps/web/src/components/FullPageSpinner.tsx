import { Flex, Spin } from 'antd';
import { useI18n } from '../i18n/I18nProvider';

export function FullPageSpinner() {
  const { t } = useI18n();
  return (
    <Flex align="center" justify="center" style={{ minHeight: '60vh' }} role="status" aria-live="polite">
      <Spin size="large" description={t('app.loading')} />
    </Flex>
  );
}
