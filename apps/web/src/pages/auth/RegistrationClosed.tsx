import { Result, Typography } from 'antd';
import { useI18n } from '../../i18n/I18nProvider';

/** What the sign-up screen says when REGISTRATION_MODE=closed: who creates accounts, and how to get in. */
export function RegistrationClosed() {
  const { t } = useI18n();
  return (
    <Result
      status="info"
      title={t('auth.registrationClosedTitle')}
      subTitle={<Typography.Text type="secondary">{t('auth.registrationClosedHint')}</Typography.Text>}
      style={{ padding: '16px 0' }}
    />
  );
}
