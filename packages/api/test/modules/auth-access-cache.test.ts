/**
 * The access check answers from memory, and stays right: changes made by another process (here: another connection)
 * arrive by NOTIFY within a second, and without the LISTEN connection every request reads Postgres again.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiDeps } from '../../src';
import { expectAppError } from '../helpers/errors';
import { createAgent, createTestApi, type Agent, type TestApi } from '../helpers/harness';

let t: TestApi;
let other: ApiDeps;

beforeAll(async () => {
  t = await createTestApi();
  other = await t.createInstance();
});
afterAll(async () => {
  await t.close();
});

/** Retries `check` until it passes or `withinMs` is over (notifications arrive asynchronously). */
async function eventually(check: () => Promise<unknown>, withinMs = 1000): Promise<void> {
  const deadline = performance.now() + withinMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (performance.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

/** A change made behind the server's back: a connection of its own with triggers off, so no NOTIFY is sent. */
async function silentlyRename(userId: string, username: string): Promise<void> {
  await t.database.db.connection().execute(async (connection) => {
    await sql`set session_replication_role = replica`.execute(connection);
    try {
      await connection.updateTable('users').set({ username }).where('id', '=', userId).execute();
    } finally {
      await sql`set session_replication_role = origin`.execute(connection);
    }
  });
}

async function waitUntilListening(deps: ApiDeps): Promise<void> {
  await eventually(async () => {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from pg_stat_activity
      where datname = current_database() and application_name = 'arya-listen-arya_access'
        and (query ilike 'listen%' or query = 'select 1') -- LISTEN done (the heartbeat follows it)
    `.execute(deps.db);
    expect(rows[0]?.n).toBeGreaterThanOrEqual(2);
  }, 10_000);
}

async function signedInOn(deps: ApiDeps, account: string): Promise<{ here: Agent; there: Agent; id: string }> {
  const here = createAgent(t.deps);
  const { user } = await here.register(account);
  const there = createAgent(deps);
  there.accessToken = here.accessToken;
  return { here, there, id: user.id };
}

describe('access cache', () => {
  it('answers from memory while it listens: a change that sends no notification is not seen', async () => {
    await waitUntilListening(t.deps);
    const { here, id } = await signedInOn(other, 'cache-memory');
    expect((await here.api.user.me()).username).toBeNull();
    await silentlyRename(id, 'renamed');
    expect((await here.api.user.me()).username).toBeNull();
    // A notified change is seen.
    await t.database.db.updateTable('users').set({ username: 'notified' }).where('id', '=', id).execute();
    await eventually(async () => expect((await here.api.user.me()).username).toBe('notified'));
  });

  it('honours a revocation or a disable made by another process within 1 s', async () => {
    await waitUntilListening(t.deps);
    const revoked = await signedInOn(other, 'cache-revoked');
    const disabled = await signedInOn(other, 'cache-disabled');
    await revoked.there.api.user.me();
    await disabled.there.api.user.me();
    await revoked.here.api.auth.logout();
    await t.database.db.updateTable('users').set({ disabled_at: new Date() }).where('id', '=', disabled.id).execute();
    await eventually(() => expectAppError(revoked.there.api.user.me(), 'UNAUTHORIZED', 'auth.sessionRevoked'));
    await eventually(() => expectAppError(disabled.there.api.user.me(), 'FORBIDDEN', 'auth.accountDisabled'));
    await expectAppError(disabled.here.api.user.me(), 'FORBIDDEN', 'auth.accountDisabled');
  });

  it(
    'reads Postgres per request while the LISTEN connection is down, and caches again once it is back',
    { timeout: 30_000 },
    async () => {
      await waitUntilListening(t.deps);
      const { here, id } = await signedInOn(other, 'cache-fallback');
      await here.api.user.me();
      await sql`
      select pg_terminate_backend(pid) from pg_stat_activity
      where datname = current_database() and application_name = 'arya-listen-arya_access'
    `.execute(t.database.db);
      await silentlyRename(id, 'while deaf');
      await eventually(async () => expect((await here.api.user.me()).username).toBe('while deaf'));

      await waitUntilListening(t.deps);
      await t.database.db.updateTable('users').set({ username: 'heard again' }).where('id', '=', id).execute();
      await eventually(async () => expect((await here.api.user.me()).username).toBe('heard again'));
    },
  );

  it("sees this process's own writes at once, before any notification", async () => {
    const { here } = await signedInOn(other, 'cache-own-writes');
    await here.api.user.me();
    await here.api.user.updateProfile({ username: 'at once' });
    expect((await here.api.user.me()).username).toBe('at once');
  });
});
