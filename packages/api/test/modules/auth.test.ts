import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, REFRESH_COOKIE_NAME, SESSION_HINT_COOKIE_NAME } from '../../src';
import { expectAppError } from '../helpers/errors';
import { createAgent, createTestApi, type TestApi } from '../helpers/harness';

let t: TestApi;

beforeAll(async () => {
  t = await createTestApi();
});
afterAll(async () => {
  await t.close();
});

describe('auth.register', () => {
  it('creates the account, returns an access token and sets the refresh cookie', async () => {
    const agent = createAgent(t.deps);
    const result = await agent.register('  Alice@Example.com ', 'correct horse battery', 'Alice');
    expect(result.user).toMatchObject({ account: 'alice@example.com', username: 'Alice', role: 'user', phone: null });
    expect(result).not.toHaveProperty('refreshToken');
    expect(new Date(result.accessTokenExpiresAt).getTime() - t.clock.now().getTime()).toBe(15 * 60 * 1000);
    const cookie = agent.cookies.get(REFRESH_COOKIE_NAME);
    expect(cookie?.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(cookie?.options).toMatchObject({ httpOnly: true, sameSite: 'lax', path: '/trpc', secure: false });
    const me = await agent.api.user.me();
    expect(me.id).toBe(result.user.id);
  });

  it('sets beside it a hint the page can read, which carries nothing of the token and lives as long', async () => {
    const agent = createAgent(t.deps);
    await agent.register('hintuser');
    const refresh = agent.cookies.get(REFRESH_COOKIE_NAME);
    const hint = agent.cookies.get(SESSION_HINT_COOKIE_NAME);
    expect(hint?.value).toBe('1');
    expect(hint?.options).toMatchObject({ httpOnly: false, sameSite: 'lax', path: '/', secure: false });
    expect(hint?.options.maxAge).toBe(refresh?.options.maxAge);
  });

  it('marks the refresh cookie Secure in production', async () => {
    const agent = createAgent({
      ...t.deps,
      config: { ...t.config, NODE_ENV: 'production', REGISTRATION_MODE: 'open' },
    });
    await agent.register('secureuser');
    expect(agent.cookies.get(REFRESH_COOKIE_NAME)?.options).toMatchObject({
      secure: true,
      httpOnly: true,
      sameSite: 'lax',
      path: '/trpc',
    });
    expect(agent.cookies.get(SESSION_HINT_COOKIE_NAME)?.options).toMatchObject({ secure: true, httpOnly: false });
  });

  it('returns the refresh token in the body when asked and stores only its hash', async () => {
    const agent = createAgent(t.deps);
    const result = await agent.api.auth.register({
      account: 'bodyuser',
      password: 'correct horse battery',
      tokenDelivery: 'body',
    });
    expect(result.refreshToken).toBe(agent.cookies.get(REFRESH_COOKIE_NAME)?.value);
    const rows = await t.deps.db
      .selectFrom('sessions')
      .select('token_hash')
      .where('user_id', '=', result.user.id)
      .execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]?.token_hash).not.toContain(result.refreshToken);
  });

  it('refuses a taken account, case-insensitively', async () => {
    await createAgent(t.deps).register('takenname');
    await expectAppError(createAgent(t.deps).register('TakenName'), 'CONFLICT', 'auth.accountTaken');
  });

  it.each([
    ['short', 'passw0r', 'password.tooShort'],
    ['73 bytes', 'x'.repeat(73), 'password.tooLong'],
    ['25 CJK chars = 75 bytes', '密'.repeat(25), 'password.tooLong'],
    ['common', 'password123', 'password.tooCommon'],
    ['common, other case', 'PassWord123', 'password.tooCommon'],
  ])('refuses a %s password', async (_label, password, messageKey) => {
    await expectAppError(
      createAgent(t.deps).register(`pw${Math.random().toString(36).slice(2, 8)}`, password),
      'BAD_REQUEST',
      messageKey,
    );
  });

  it('accepts exactly 72 bytes and multi-byte passwords', async () => {
    await createAgent(t.deps).register('seventytwo', 'y'.repeat(72));
    await createAgent(t.deps).register('cjkpass', '密码安全很重要啊');
  });

  it('refuses an account with invalid characters with field errors', async () => {
    const error = await createAgent(t.deps)
      .register('bad name!')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TRPCError);
    expect((error as TRPCError).code).toBe('BAD_REQUEST');
  });
});

describe('auth.login', () => {
  beforeAll(async () => {
    await createAgent(t.deps).register('loginuser');
  });

  it('signs in and records the login in the audit log', async () => {
    const agent = createAgent(t.deps, { ip: '192.0.2.10' });
    const result = await agent.login('LoginUser');
    expect(result.user.account).toBe('loginuser');
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .selectAll()
      .where('subject_user_id', '=', result.user.id)
      .where('action', '=', 'auth.login')
      .execute();
    expect(audit.at(-1)).toMatchObject({ ip: '192.0.2.10', actor_user_id: result.user.id });
  });

  it('gives the same error for an unknown account and a wrong password, and audits both', async () => {
    const agent = createAgent(t.deps, { ip: '192.0.2.11' });
    const wrong = await agent.login('loginuser', 'not the password').catch((e: unknown) => e);
    const unknown = await agent.login('nobody-here', 'not the password').catch((e: unknown) => e);
    for (const error of [wrong, unknown]) {
      expect(error).toBeInstanceOf(TRPCError);
      expect((error as TRPCError).code).toBe('UNAUTHORIZED');
      expect((error as AppError).messageKey).toBe('auth.invalidCredentials');
    }
    const failures = await t.deps.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'auth.login_failed')
      .where('ip', '=', '192.0.2.11')
      .execute();
    expect(failures.map((f) => f.details['reason']).toSorted()).toEqual(['unknown_account', 'wrong_password']);
  });

  it('never matches a password longer than 72 bytes, even if its first 72 bytes are right', async () => {
    const base = 'z'.repeat(72);
    await createAgent(t.deps).register('truncation', base);
    await expectAppError(
      createAgent(t.deps).login('truncation', `${base}extra`),
      'UNAUTHORIZED',
      'auth.invalidCredentials',
    );
  });
});
