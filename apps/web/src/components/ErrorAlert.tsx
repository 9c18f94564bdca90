import { Alert, Button } from 'antd';
import { useEffect } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { useCountdown } from '../lib/countdown';
import { describeError } from '../lib/errors';

/**
 * A failed call, shown inline with the server's translated message. Rate limits count down the wait live, so the
 * person knows when trying again will work.
 */
export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  const described = describeError(error, t);
  const { secondsLeft, start } = useCountdown();
  // Each new error restarts the wait, even when it names the same number of seconds as the last one.
  useEffect(() => {
    const wait = describeError(error, t).retryAfterSeconds;
    if (wait !== null) start(wait);
  }, [error, t, start]);

  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      title={described.message}
      description={secondsLeft > 0 ? t('error.retryIn', { seconds: secondsLeft }) : undefined}
      action={
        onRetry ? (
          <Button size="small" type="link" onClick={onRetry}>
            {t('app.retry')}
          </Button>
        ) : undefined
      }
    />
  );
}
