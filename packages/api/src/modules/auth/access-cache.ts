/**
 * An in-process cache of what the access check reads from Postgres (user rows, session liveness), so a request
 * normally costs no round trip. Postgres stays the source of truth: every write to `users` or a session's `revoked_at`
 * NOTIFYs channel `arya_access` (migration 2026_11_30_0310), and each process drops the entries named. The cache is
 * trusted only while its LISTEN connection is up; without it every request reads Postgres, as before.
 */
import { listenForNotifications, type NotificationListener } from '@arya/db';
import type { Logger } from '../../logger';
import type { UserRow } from '../../users/repo';
import type { AccessState } from './access-repo';

export const ACCESS_CHANNEL = 'arya_access';

/** A backstop only: entries are dropped by notifications long before this. */
const ENTRY_TTL_MS = 60_000;
const MAX_ENTRIES = 20_000;

export interface AccessCache {
  /** The state of this user and session, when both are cached and the cache may be trusted. */
  get: (userId: string, sessionId: string) => AccessState | undefined;
  /** Taken before reading Postgres and given to `put`, so a read that raced a change is not kept. */
  version: () => number;
  put: (userId: string, sessionId: string, state: AccessState, version: number) => void;
  /** Drops every entry (this process just wrote to `users` or `sessions`). */
  clear: () => void;
  close: () => Promise<void>;
}

interface Entry<T> {
  value: T;
  expiresAt: number;
}

class BoundedMap<T> {
  private readonly entries = new Map<string, Entry<T>>();

  get(key: string, now: number): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt > now) return entry.value;
    this.entries.delete(key);
    return undefined;
  }

  set(key: string, value: T, now: number): void {
    this.entries.delete(key);
    if (this.entries.size >= MAX_ENTRIES) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    this.entries.set(key, { value, expiresAt: now + ENTRY_TTL_MS });
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}

interface CachedSession {
  userId: string;
  live: boolean;
}

/**
 * `databaseUrl` opens the LISTEN connection; without one the cache is never trusted (every request reads Postgres).
 */
export function createAccessCache(options: { databaseUrl: string | undefined; logger: Logger }): AccessCache {
  // A missing user is kept as null: a deleted user stays deleted until a notification says otherwise.
  const users = new BoundedMap<UserRow | null>();
  const sessions = new BoundedMap<CachedSession>();
  let trusted = false;
  let currentVersion = 0;

  const clear = () => {
    currentVersion += 1;
    users.clear();
    sessions.clear();
  };

  const onMessage = (payload: string) => {
    currentVersion += 1;
    const id = payload.slice(2);
    if (payload.startsWith('u:')) users.delete(id);
    else if (payload.startsWith('s:')) sessions.delete(id);
    else clear();
  };

  let listener: NotificationListener | undefined;
  if (options.databaseUrl) {
    listener = listenForNotifications(options.databaseUrl, ACCESS_CHANNEL, {
      onMessage,
      onConnected: (connected) => {
        // Whatever changed while nobody listened is unknown: start empty either way.
        clear();
        trusted = connected;
        if (!connected) options.logger.warn({}, 'access cache: LISTEN connection lost; reading Postgres per request');
      },
      onError: (error) => options.logger.warn({ err: error }, 'access cache: LISTEN connection failed'),
    });
  }

  return {
    get: (userId, sessionId) => {
      if (!trusted) return undefined;
      const now = performance.now();
      const user = users.get(userId, now);
      if (user === null) return { user: undefined, sessionLive: false };
      const session = sessions.get(sessionId, now);
      if (user === undefined || !session || session.userId !== userId) return undefined;
      return { user, sessionLive: session.live };
    },
    version: () => currentVersion,
    put: (userId, sessionId, state, version) => {
      if (!trusted || version !== currentVersion) return;
      const now = performance.now();
      users.set(userId, state.user ?? null, now);
      // Without a live user the session was not looked at.
      if (state.user) sessions.set(sessionId, { userId, live: state.sessionLive }, now);
    },
    clear,
    close: async () => {
      trusted = false;
      clear();
      await listener?.close();
    },
  };
}
