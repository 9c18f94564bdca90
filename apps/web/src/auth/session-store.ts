import type { RouterOutputs } from '@arya/api';

export type SignedIn = RouterOutputs['auth']['login'];
export type SessionUser = SignedIn['user'];

export type SessionState =
  | { status: 'starting' }
  | { status: 'signedOut'; reason: 'signedOut' | 'expired' | 'none' }
  | { status: 'signedIn'; user: SessionUser; accessToken: string; expiresAt: number };

export type RefreshOutcome = 'refreshed' | 'rejected' | 'unreachable';

export interface SessionStoreDeps {
  /** Calls `auth.refresh` (the HttpOnly cookie carries the refresh token). Throws on failure. */
  refresh: () => Promise<SignedIn>;
  /** True when the failure means the refresh token is no longer valid (as opposed to a network failure). */
  isRejection: (error: unknown) => boolean;
  /** False when no refresh cookie can be there (the server's hint is absent): refreshing is then refused unasked. */
  hasSessionHint?: () => boolean;
  now?: () => number;
  setTimer?: (fn: () => void, ms: number) => unknown;
  clearTimer?: (handle: unknown) => void;
}

/** Refresh this long before the access token expires, so requests rarely meet an expired token. */
export const REFRESH_AHEAD_MS = 60_000;

/**
 * The access token lives here, in memory only. Refreshes are single-flight: every caller that needs a new token while
 * one refresh is running waits for that same refresh.
 */
export function createSessionStore(deps: SessionStoreDeps) {
  const now = deps.now ?? Date.now;
  const setTimer = deps.setTimer ?? ((fn: () => void, ms: number) => setTimeout(fn, ms));
  const clearTimer = deps.clearTimer ?? ((handle: unknown) => clearTimeout(handle as ReturnType<typeof setTimeout>));

  let state: SessionState = { status: 'starting' };
  let inFlight: Promise<RefreshOutcome> | null = null;
  let timer: unknown = null;
  const listeners = new Set<() => void>();

  function setState(next: SessionState): void {
    state = next;
    for (const listener of listeners) listener();
  }

  function cancelTimer(): void {
    if (timer !== null) clearTimer(timer);
    timer = null;
  }

  function signIn(result: SignedIn): void {
    const expiresAt = Date.parse(result.accessTokenExpiresAt);
    cancelTimer();
    timer = setTimer(() => void refresh(), Math.max(0, expiresAt - now() - REFRESH_AHEAD_MS));
    setState({ status: 'signedIn', user: result.user, accessToken: result.accessToken, expiresAt });
  }

  function signOut(reason: 'signedOut' | 'expired' | 'none' = 'signedOut'): void {
    cancelTimer();
    setState({ status: 'signedOut', reason });
  }

  function refresh(): Promise<RefreshOutcome> {
    if (!inFlight && deps.hasSessionHint && !deps.hasSessionHint()) {
      signOut(state.status === 'signedIn' ? 'expired' : 'none');
      return Promise.resolve('rejected');
    }
    inFlight ??= deps
      .refresh()
      .then((result): RefreshOutcome => {
        signIn(result);
        return 'refreshed';
      })
      .catch((error: unknown): RefreshOutcome => {
        if (!deps.isRejection(error)) {
          if (state.status === 'starting') signOut('none');
          return 'unreachable';
        }
        signOut(state.status === 'signedIn' ? 'expired' : 'none');
        return 'rejected';
      })
      .finally(() => {
        inFlight = null;
      });
    return inFlight;
  }

  return {
    getState: (): SessionState => state,
    subscribe(listener: () => void): () => void {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    accessToken: (): string | null => (state.status === 'signedIn' ? state.accessToken : null),
    signIn,
    signOut,
    refresh,
    updateUser(user: SessionUser): void {
      if (state.status === 'signedIn') setState({ ...state, user });
    },
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;
