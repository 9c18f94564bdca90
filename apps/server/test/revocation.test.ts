/**
 * Revocation lives in Postgres: a logout, a password change, a refresh-token reuse and an admin's disable hold on every
 * gate (procedures, `sms.send` for bind_phone, the developer panel) even after Redis lost every key, and on every
 * server process sharing the database.
 */
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFirstAdmin } from '@arya/api';
import { createSmsTestApp, mutate, strongPassword, type SmsTestApp, type TestApp, uniquePhone } from './helpers';

let server: SmsTestApp;
/** A second server process on the same Postgres and Redis. */
let other: SmsTestApp;
let operatorToken: string;

beforeAll(async () => {
  const env = { NODE_ENV: 'production', PANEL_ENABLED: 'true' };
  server = await createSmsTestApp({ env });
  other = await createSmsTestApp({ env, shareWith: server });
  operatorToken = await signIn(server, await adminAccount('operator'));
});
afterAll(async () => {
  await other?.close();
  await server?.close();
});

/** Deletes every key this test's servers hold in Redis, as a Redis restart without persistence would. */
async function flushRedis(): Promise<void> {
  const sweeper = new Redis(server.config.REDIS_URL ?? '', { maxRetriesPerRequest: 2 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await sweeper.scan(cursor, 'MATCH', `${server.redis.keyPrefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await sweeper.del(...keys);
    } while (cursor !== '0');
  } finally {
    sweeper.disconnect();
  }
}

/** A registered account promoted to admin, so the panel can tell a refusal from "not an admin". */
async function adminAccount(account: string): Promise<string> {
  const registered = await mutate(server.app, 'auth.register', { account, password: strongPassword });
  expect(registered.statusCode).toBe(200);
  await createFirstAdmin(server.deps, { account, password: strongPassword });
  return account;
}

async function signIn(app: TestApp, account: string, userAgent = 'browser-a') {
  const login = await mutate(app.app, 'auth.login', { account, password: strongPassword }, { 'user-agent': userAgent });
  expect(login.statusCode).toBe(200);
  return String(login.body.result?.data.accessToken);
}

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** Status of each gate for this access token: four procedures and the panel. */
async function gates(app: TestApp, token: string): Promise<Record<string, number>> {
  const input = encodeURIComponent(JSON.stringify({}));
  const me = await app.app.inject({ url: '/trpc/user.me', headers: bearer(token) });
  const files = await app.app.inject({ url: `/trpc/bom.files.list?input=${input}`, headers: bearer(token) });
  const profile = await mutate(app.app, 'user.updateProfile', { username: 'still here' }, bearer(token));
  const sms = await mutate(app.app, 'sms.send', { phone: uniquePhone(), purpose: 'bind_phone' }, bearer(token));
  const panel = await app.app.inject({ url: '/panel/schema.json', headers: bearer(token) });
  return {
    'user.me': me.statusCode,
    'bom.files.list': files.statusCode,
    'user.updateProfile': profile.statusCode,
    'sms.send bind_phone': sms.statusCode,
    panel: panel.statusCode,
  };
}

const everywhere = (status: number) => ({
  'user.me': status,
  'bom.files.list': status,
  'user.updateProfile': status,
  'sms.send bind_phone': status,
  panel: status,
});

/**
 * Refused on every gate of both processes: at once on the one that made the revocation, and within `withinMs` on the
 * other (notifications are async, and a loaded machine delays them: the wait ends as soon as the refusal shows).
 */
async function expectRefusedEverywhere(token: string, status: number, madeOn: TestApp, withinMs = 15_000) {
  expect(await gates(madeOn, token)).toEqual(everywhere(status));
  const notified = madeOn === server ? other : server;
  const deadline = performance.now() + withinMs;
  let seen = await gates(notified, token);
  while (JSON.stringify(seen) !== JSON.stringify(everywhere(status)) && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    seen = await gates(notified, token);
  }
  expect(seen).toEqual(everywhere(status));
}

describe('revocation survives a Redis flush and holds on every gate of every process', () => {
  it('logout', async () => {
    const token = await signIn(server, await adminAccount('rev-logout'));
    expect(await gates(other, token)).toEqual(everywhere(200));
    expect((await mutate(server.app, 'auth.logout', {}, bearer(token))).body.result?.data).toEqual({
      endedSession: true,
    });
    await flushRedis();
    await expectRefusedEverywhere(token, 401, server);
  });

  it('password change ends the other sessions', async () => {
    const account = await adminAccount('rev-password');
    const token = await signIn(server, account, 'browser-a');
    const changer = await signIn(other, account, 'browser-b');
    expect(await gates(server, token)).toEqual(everywhere(200));
    const changed = await mutate(
      other.app,
      'user.changePassword',
      { currentPassword: strongPassword, newPassword: 'Velvet-Harbour-77-Comet' },
      bearer(changer),
    );
    expect(changed.body.result?.data).toEqual({ revokedSessions: 2 }); // its registration and its first login
    await flushRedis();
    await expectRefusedEverywhere(token, 401, other);
    expect((await other.app.inject({ url: '/trpc/user.me', headers: bearer(changer) })).statusCode).toBe(200);
  });

  it('refresh-token reuse ends the whole session', async () => {
    const account = await adminAccount('rev-reuse');
    const login = await mutate(
      server.app,
      'auth.login',
      { account, password: strongPassword, tokenDelivery: 'body' },
      { 'user-agent': 'service-a' },
    );
    const token = String(login.body.result?.data.accessToken);
    const first = String(login.body.result?.data.refreshToken);
    const rotated = await mutate(server.app, 'auth.refresh', { refreshToken: first }, { 'user-agent': 'service-a' });
    expect(rotated.statusCode).toBe(200);
    expect(await gates(other, token)).toEqual(everywhere(200));
    // The rotated token again, from another client: theft.
    const stolen = await mutate(other.app, 'auth.refresh', { refreshToken: first }, { 'user-agent': 'thief' });
    expect(stolen.body.error?.data).toMatchObject({ messageKey: 'auth.refreshTokenReused' });
    await flushRedis();
    await expectRefusedEverywhere(token, 401, other);
  });

  it('an admin disables the account: FORBIDDEN with the reason', async () => {
    const token = await signIn(server, await adminAccount('rev-disabled'));
    const me = await server.app.inject({ url: '/trpc/user.me', headers: bearer(token) });
    const userId = String((me.json() as { result: { data: { id: string } } }).result.data.id);
    expect(await gates(other, token)).toEqual(everywhere(200));
    const disabled = await mutate(
      other.app,
      'admin.users.setDisabled',
      { userId, disabled: true },
      bearer(operatorToken),
    );
    expect(disabled.statusCode).toBe(200);
    await flushRedis();
    await expectRefusedEverywhere(token, 403, other);
    const refused = await mutate(
      server.app,
      'user.updateProfile',
      { username: 'x' },
      {
        ...bearer(token),
        'accept-language': 'en',
      },
    );
    expect(refused.body.error?.message).toBe('This account has been disabled. Please contact an administrator.');
  });
});
