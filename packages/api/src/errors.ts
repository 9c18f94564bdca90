import type { TRPC_ERROR_CODE_KEY } from '@trpc/server';
import type { MessageKey, MessageParams } from './messages';

export type AppErrorCode = TRPC_ERROR_CODE_KEY;

/**
 * A domain error: what went wrong (tRPC `code`), which text explains it (`messageKey`, translated in `messages.ts`) and
 * the values that text needs. Thrown by services; converted to a `TRPCError` once, in `trpc.ts`.
 */
export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly messageKey: MessageKey;
  readonly params: MessageParams;
  readonly retryAfterSeconds: number | undefined;
  /** Per-field problems the caller can show beside each field (e.g. `ops.3` → that row's problems). */
  readonly fieldErrors: Record<string, string[]> | undefined;

  constructor(
    code: AppErrorCode,
    messageKey: MessageKey,
    params: MessageParams = {},
    options: { retryAfterSeconds?: number; fieldErrors?: Record<string, string[]> } = {},
  ) {
    super(messageKey);
    this.name = 'AppError';
    this.code = code;
    this.messageKey = messageKey;
    this.params = params;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.fieldErrors = options.fieldErrors;
  }
}

export function tooManyRequests(messageKey: MessageKey, retryAfterSeconds: number): AppError {
  return new AppError('TOO_MANY_REQUESTS', messageKey, { retryAfterSeconds }, { retryAfterSeconds });
}
