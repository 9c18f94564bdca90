import { TRPCClientError } from '@trpc/client';

/**
 * The server's message key of a typed refusal (`bom.compareRejected` …), to offer the way out that fits; else null.
 * Its own module, so that the sign-in bundle does not carry it.
 */
export function errorMessageKey(error: unknown): string | null {
  if (!(error instanceof TRPCClientError)) return null;
  const data: unknown = error.data;
  if (typeof data !== 'object' || data === null || !('messageKey' in data)) return null;
  return typeof data.messageKey === 'string' ? data.messageKey : null;
}
