import { Alert, Typography } from 'antd';
import type { RouterOutputs } from '@arya/api';
import { useI18n } from '../../i18n/I18nProvider';
import { formatDateTime } from '../../lib/format';

type SetupLink = RouterOutputs['admin']['users']['issueSetupLink'];

/** The address a new user opens to set a password; the token rides in the fragment, never sent to a server log. */
export function setupLinkUrl(link: SetupLink): string {
  return `${window.location.origin}/set-password#token=${link.token}`;
}

/** The one-time link to hand over, copyable, with its expiry and — when the user has a phone — the SMS way too. */
export function SetupLinkNotice({ link, hasPhone }: { link: SetupLink; hasPhone: boolean }) {
  const { t, locale } = useI18n();
  const url = setupLinkUrl(link);
  return (
    <Alert
      type="success"
      showIcon
      title={t('admin.setupLinkTitle')}
      description={
        <>
          <Typography.Paragraph copyable={{ text: url }} data-testid="setup-link" style={{ wordBreak: 'break-all' }}>
            {url}
          </Typography.Paragraph>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
            {t('admin.setupLinkHint', { expiresAt: formatDateTime(link.expiresAt, locale) })}
            {hasPhone ? ` ${t('admin.setupLinkSmsHint')}` : ''}
          </Typography.Paragraph>
        </>
      }
    />
  );
}
