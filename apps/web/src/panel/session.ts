import { useCallback, useState } from 'react';

/** Shared with `/reference`, which sends the same token when it fetches `/openapi.json`. */
const TOKEN_KEY = 'arya.panel.token';
const ACCOUNT_KEY = 'arya.panel.account';

export interface PanelSession {
  token: string | null;
  account: string | null;
  /** Keeps a token the panel received (sign-in, or any answer carrying an `accessToken`). */
  signIn: (token: string, account: string | null) => void;
  forget: () => void;
}

/** The access token used by every call, kept for this tab only (sessionStorage), as the previous panel did. */
export function usePanelSession(): PanelSession {
  const [token, setToken] = useState(() => sessionStorage.getItem(TOKEN_KEY));
  const [account, setAccount] = useState(() => sessionStorage.getItem(ACCOUNT_KEY));
  const signIn = useCallback((next: string, nextAccount: string | null) => {
    sessionStorage.setItem(TOKEN_KEY, next);
    if (nextAccount) sessionStorage.setItem(ACCOUNT_KEY, nextAccount);
    else sessionStorage.removeItem(ACCOUNT_KEY);
    setToken(next);
    setAccount(nextAccount);
  }, []);
  const forget = useCallback(() => {
    sessionStorage.removeItem(TOKEN_KEY);
    sessionStorage.removeItem(ACCOUNT_KEY);
    setToken(null);
    setAccount(null);
  }, []);
  return { token, account, signIn, forget };
}

interface SignedIn {
  accessToken?: unknown;
  user?: { account?: unknown };
}

/** The access token (and account) an answer carries: `auth.login`, `auth.refresh`, `auth.loginWithSms`… */
export function tokenIn(body: unknown): { token: string; account: string | null } | null {
  const data = (body as { result?: { data?: SignedIn } } | null)?.result?.data;
  if (typeof data?.accessToken !== 'string') return null;
  const account = data.user?.account;
  return { token: data.accessToken, account: typeof account === 'string' ? account : null };
}
