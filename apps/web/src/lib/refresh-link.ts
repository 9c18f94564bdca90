import { TRPCClientError, type TRPCLink } from '@trpc/client';
import { observable, type Unsubscribable } from '@trpc/server/observable';
import type { AppRouter } from '@arya/api';

/**
 * Whether the error says this session no longer holds: not signed in, or the account was disabled meanwhile (FORBIDDEN
 * `auth.accountDisabled`). Either way one refresh is tried, and its refusal signs the user out.
 */
export function isUnauthorized(error: unknown): boolean {
  if (!(error instanceof TRPCClientError)) return false;
  const data = error.data as { code?: unknown; messageKey?: unknown } | undefined;
  return data?.code === 'UNAUTHORIZED' || data?.messageKey === 'auth.accountDisabled';
}

interface RefreshLinkOptions {
  /** Single-flight refresh; resolves to whether a new access token is now held. */
  refresh: () => Promise<boolean>;
}

/**
 * On UNAUTHORIZED from a signed-in procedure, refreshes the access token once and replays the operation. `auth.*`
 * procedures are passed through untouched (their UNAUTHORIZED is the answer itself, and refreshing them would loop).
 */
export function refreshLink({ refresh }: RefreshLinkOptions): TRPCLink<AppRouter> {
  return () =>
    ({ op, next }) =>
      observable((observer) => {
        let subscription: Unsubscribable | null = null;
        let replayed = false;
        let closed = false;
        const run = () => {
          subscription = next(op).subscribe({
            next: (value) => observer.next(value),
            complete: () => observer.complete(),
            error: (error) => {
              if (replayed || op.path.startsWith('auth.') || !isUnauthorized(error)) {
                observer.error(error);
                return;
              }
              replayed = true;
              void refresh().then((ok) => {
                if (closed) return;
                if (ok) run();
                else observer.error(error);
              });
            },
          });
        };
        run();
        return () => {
          closed = true;
          subscription?.unsubscribe();
        };
      });
}
