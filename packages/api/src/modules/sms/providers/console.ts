import type { Logger } from '../../../logger';
import { maskPhone } from '../phone';
import type { SmsProvider } from './types';

/**
 * Development provider: writes the code to the log instead of sending it. It is the one place a code appears in
 * clear, which is why it is refused when NODE_ENV=production (see createSmsProvider) and says so when it starts.
 */
export function createConsoleSmsProvider(logger: Logger): SmsProvider {
  logger.warn(
    { provider: 'console' },
    'SMS_PROVIDER=console: verification codes are written to this log, not sent (development only)',
  );
  return {
    name: 'console',
    send: async ({ phone, purpose, code }) => {
      logger.info(
        { provider: 'console', phone: maskPhone(phone.e164), purpose, code },
        // Framed so it stands out in the `pnpm dev` log, where a new user looks for it.
        `>>> SMS code ${code} for ${phone.e164} (${purpose}) <<<`,
      );
      return { resultCode: 'OK', requestId: null };
    },
  };
}
