import { Alert, Button } from 'antd';
import { useEffect } from 'react';
import { useI18n } from '../i18n/I18nProvider';
import { useCountdown } from '../lib/countdown';
import { describeError, withLiveWait } from '../lib/errors';

/**
 * A failed call, shown inline with the server's translated message. A rate limit's wait counts down inside that
 * message — one number — and the alert says so once the wait is over. A form whose button counts the same wait passes
 * its `secondsLeft`, so both show the same figure.
 */
export function ErrorAlert({
  error,
  onRetry,
  secondsLeft: sharedSecondsLeft,
}: {
  error: unknown;
  onRetry?: () => void;
  secondsLeft?: number;
}) {
  const { t } = useI18n();
  const described = describeError(error, t);
  const wait = described.retryAfterSeconds;
  const { secondsLeft: ownSecondsLeft, start, started } = useCountdown();
  // Each new error restarts the wait, even when it names the same number of seconds as the last one.
  useEffect(() => {
    const seconds = describeError(error, t).retryAfterSeconds;
    if (seconds !== null) start(seconds);
  }, [error, t, start]);
  const secondsLeft = sharedSecondsLeft ?? ownSecondsLeft;
  const waitOver = wait !== null && secondsLeft === 0 && (sharedSecondsLeft !== undefined || started);
  let title = described.message;
  if (wait !== null && secondsLeft > 0)
    title = withLiveWait(described.message, wait, secondsLeft, (seconds) => t('wait.seconds', { seconds }));
  if (waitOver) title = t('error.retryNow');

  return (
    <Alert
      type={waitOver ? 'info' : 'error'}
      showIcon
      role="alert"
      title={title}
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
