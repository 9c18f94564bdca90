import { describe, expect, it } from 'vitest';
import { hasSessionHint } from '../src/auth/session-hint';
import { createSessionStore, REFRESH_AHEAD_MS, type SignedIn } from '../src/auth/session-store';

const NOW = Date.parse('2026-11-28T00:00:00Z');

function signedIn(token: string, expiresInMs = 15 * 60_000): SignedIn {
  return {
    accessToken: token,
    accessTokenExpiresAt: new Date(NOW + expiresInMs).toISOString(),
    user: {
      id: '00000000-0000-4000-8000-000000000001',
      account: 'ada',
      username: null,
      phone: null,
      phoneVerifiedAt: null,
      role: 'user',
      hasPassword: true,
      createdAt: new Date(NOW).toISOString(),
    },
  };
}

class Rejected extends Error {}

/** A refresh whose answers the test releases by hand, with timers recorded instead of run. */
function harness(options: { hint?: () => boolean } = {}) {
  const pending: { resolve: (value: SignedIn) => void; reject: (error: unknown) => void }[] = [];
  const timers: { fn: () => void; ms: number; cleared: boolean }[] = [];
  let calls = 0;
  const store = createSessionStore({
    refresh: () => {
      calls++;
      return new Promise<SignedIn>((resolve, reject) => pending.push({ resolve, reject }));
    },
    isRejection: (error) => error instanceof Rejected,
    ...(options.hint ? { hasSessionHint: options.hint } : {}),
    now: () => NOW,
    setTimer: (fn, ms) => {
      const timer = { fn, ms, cleared: false };
      timers.push(timer);
      return timer;
    },
    clearTimer: (handle) => {
      (handle as { cleared: boolean }).cleared = true;
    },
  });
  return { store, pending, timers, calls: () => calls };
}

describe('session store', () => {
  it('starts unknown and signs in from a successful start-up refresh', async () => {
    const { store, pending } = harness();
    expect(store.getState().status).toBe('starting');
    const outcome = store.refresh();
    pending[0]?.resolve(signedIn('token-1'));
    expect(await outcome).toBe('refreshed');
    expect(store.accessToken()).toBe('token-1');
  });

  it('runs one refresh for any number of concurrent callers', async () => {
    const { store, pending, calls } = harness();
    const outcomes = [store.refresh(), store.refresh(), store.refresh()];
    expect(calls()).toBe(1);
    pending[0]?.resolve(signedIn('token-2'));
    expect(await Promise.all(outcomes)).toEqual(['refreshed', 'refreshed', 'refreshed']);
    // once settled, the next refresh is a new call
    void store.refresh();
    expect(calls()).toBe(2);
  });

  it('a rejected start-up refresh means signed out with no "expired" notice', async () => {
    const { store, pending } = harness();
    const outcome = store.refresh();
    pending[0]?.reject(new Rejected());
    expect(await outcome).toBe('rejected');
    expect(store.getState()).toEqual({ status: 'signedOut', reason: 'none' });
    expect(store.accessToken()).toBeNull();
  });

  it('a rejected refresh while signed in ends the session as expired', async () => {
    const { store, pending } = harness();
    store.signIn(signedIn('token-3'));
    const outcome = store.refresh();
    pending[0]?.reject(new Rejected());
    expect(await outcome).toBe('rejected');
    expect(store.getState()).toEqual({ status: 'signedOut', reason: 'expired' });
  });

  it('a network failure keeps a signed-in session (the token may still be good)', async () => {
    const { store, pending } = harness();
    store.signIn(signedIn('token-4'));
    const outcome = store.refresh();
    pending[0]?.reject(new TypeError('fetch failed'));
    expect(await outcome).toBe('unreachable');
    expect(store.accessToken()).toBe('token-4');
  });

  it('schedules the next refresh ahead of expiry and cancels it on sign-out', () => {
    const { store, timers, calls } = harness();
    store.signIn(signedIn('token-5', 10 * 60_000));
    expect(timers[0]?.ms).toBe(10 * 60_000 - REFRESH_AHEAD_MS);
    timers[0]?.fn();
    expect(calls()).toBe(1);
    store.signOut();
    expect(store.getState()).toEqual({ status: 'signedOut', reason: 'signedOut' });
    expect(timers.at(-1)?.cleared).toBe(true);
  });

  it('without the session hint, a start-up refresh signs out at once and asks the server nothing', async () => {
    const { store, calls } = harness({ hint: () => false });
    expect(await store.refresh()).toBe('rejected');
    expect(store.getState()).toEqual({ status: 'signedOut', reason: 'none' });
    expect(calls()).toBe(0);
  });

  it('a signed-in session whose hint is gone (signed out in another tab) ends as expired, unasked', async () => {
    let hint = true;
    const { store, calls } = harness({ hint: () => hint });
    store.signIn(signedIn('token-7'));
    hint = false;
    expect(await store.refresh()).toBe('rejected');
    expect(store.getState()).toEqual({ status: 'signedOut', reason: 'expired' });
    expect(calls()).toBe(0);
  });

  it('notifies subscribers and stops after unsubscribing', () => {
    const { store } = harness();
    let seen = 0;
    const unsubscribe = store.subscribe(() => seen++);
    store.signIn(signedIn('token-6'));
    unsubscribe();
    store.signOut();
    expect(seen).toBe(1);
  });
});

describe('the session hint', () => {
  it('is read from the cookies the page can see, by its exact name', () => {
    expect(hasSessionHint('arya_session=1')).toBe(true);
    expect(hasSessionHint('arya.locale=en; arya_session=1')).toBe(true);
    expect(hasSessionHint('')).toBe(false);
    expect(hasSessionHint('other=1; not_arya_session=1')).toBe(false);
  });
});
