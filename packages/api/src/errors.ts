import { TRPCError, type TRPC_ERROR_CODE_KEY } from '@trpc/server';
import type { MessageKey, MessageParams } from './messages';

export type AppErrorCode = TRPC_ERROR_CODE_KEY;

/**
 * A domain error: what went wrong (tRPC `code`), which text explains it (`messageKey`, translated in `messages.ts`) and
 * the values that text needs. Thrown by services. It is a `TRPCError`, so tRPC passes it through as it is (no wrapping
 * middleware on every procedure); the error formatter in `trpc.ts` turns it into the response.
 */
export class AppError extends TRPCError {
  declare readonly code: AppErrorCode;
  readonly messageKey: MessageKey;
  readonly params: MessageParams;
  readonly retryAfterSeconds: number | undefined;
  /** Per-field problems the caller can show beside each field (e.g. `ops.3` → that row's problems). */
  readonly fieldErrors: Record<string, string[]> | undefined;
  /** The one input field the message is about: the response then carries it as that field's error, in its language. */
  readonly field: string | undefined;

  constructor(
    code: AppErrorCode,
    messageKey: MessageKey,
    params: MessageParams = {},
    options: { retryAfterSeconds?: number; fieldErrors?: Record<string, string[]>; field?: string } = {},
  ) {
    super({ code, message: messageKey });
    this.name = 'AppError';
    this.messageKey = messageKey;
    this.params = params;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.fieldErrors = options.fieldErrors;
    this.field = options.field;
  }
}

export function tooManyRequests(messageKey: MessageKey, retryAfterSeconds: number): AppError {
  return new AppError('TOO_MANY_REQUESTS', messageKey, { retryAfterSeconds }, { retryAfterSeconds });
}
