import { TRPCClientError } from '@trpc/client';
import type { AppErrorData } from '@arya/api';
import type { Translate } from '../i18n/I18nProvider';

export interface DisplayError {
  /** Already in the UI's language: the server translates by Accept-Language. */
  message: string;
  code: string | null;
  retryAfterSeconds: number | null;
  fieldErrors: Record<string, string[]>;
}

function errorData(error: TRPCClientError<never>): Partial<AppErrorData> & { code?: string } {
  const data: unknown = error.data;
  return typeof data === 'object' && data !== null ? (data as Partial<AppErrorData> & { code?: string }) : {};
}

/** What to show for a failed call: the server's translated message, or a network hint when it never answered. */
export function describeError(error: unknown, t: Translate): DisplayError {
  if (error instanceof TRPCClientError) {
    const data = errorData(error as TRPCClientError<never>);
    if (data.code === undefined && data.messageKey === undefined) {
      return { message: t('error.network'), code: null, retryAfterSeconds: null, fieldErrors: {} };
    }
    return {
      message: error.message,
      code: data.code ?? null,
      retryAfterSeconds: typeof data.retryAfterSeconds === 'number' ? data.retryAfterSeconds : null,
      fieldErrors: data.fieldErrors ?? {},
    };
  }
  return { message: t('error.network'), code: null, retryAfterSeconds: null, fieldErrors: {} };
}

/**
 * The server writes a rate limit's wait into its message ("请 60 秒后再试", "in 60 seconds" — the shared `wait.seconds`
 * text); the UI counts that wait down in place, so the person sees one number, the same wherever it shows (the send
 * button counts from the same start), in the words the number needs ("1 second"). `waitText` words a wait as
 * `wait.seconds` does in the UI's language; a message that words it otherwise has just its number replaced.
 */
export function withLiveWait(
  message: string,
  serverSeconds: number,
  secondsLeft: number,
  waitText: (seconds: number) => string,
): string {
  const written = waitText(serverSeconds);
  if (message.includes(written)) return message.replace(written, waitText(secondsLeft));
  return message.replace(new RegExp(`(?<!\\d)${serverSeconds}(?!\\d)`), String(secondsLeft));
}
