import { TranslationOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useI18n } from '../i18n/I18nProvider';

export function LanguageSwitch() {
  const { locale, setLocale, t } = useI18n();
  return (
    <Button
      type="text"
      icon={<TranslationOutlined />}
      aria-label={t('app.switchLanguageLabel')}
      lang={locale === 'en' ? 'zh-CN' : 'en'}
      onClick={() => setLocale(locale === 'en' ? 'zh-CN' : 'en')}
    >
      {t('app.switchLanguage')}
    </Button>
  );
}
