import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAppError } from '../helpers/errors';
import { createAgent, createTestApi, type TestApi } from '../helpers/harness';

let t: TestApi;

beforeAll(async () => {
  t = await createTestApi();
});
afterAll(async () => {
  await t.close();
});

describe('user.me and user.updateProfile', () => {
  it('returns the signed-in user and changes the display name', async () => {
    const agent = createAgent(t.deps);
    const { user } = await agent.register('profileuser');
    expect(await agent.api.user.me()).toEqual(user);
    const updated = await agent.api.user.updateProfile({ username: '  张三 ' });
    expect(updated.username).toBe('张三');
    expect((await agent.api.user.me()).username).toBe('张三');
    expect((await agent.api.user.updateProfile({ username: null })).username).toBeNull();
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('subject_user_id', '=', user.id)
      .execute();
    expect(audit.filter((a) => a.action === 'user.profile_updated')).toHaveLength(2);
  });

  it('refuses an empty display name with a field error', async () => {
    const agent = createAgent(t.deps);
    await agent.register('emptyname');
    await expect(agent.api.user.updateProfile({ username: '   ' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('user.changePassword', () => {
  it('changes the password, keeps this session and ends every other one at once', async () => {
    const phone = createAgent(t.deps, { userAgent: 'phone' });
    await phone.register('changer', 'first good password');
    const laptop = createAgent(t.deps, { userAgent: 'laptop' });
    await laptop.login('changer', 'first good password');
    const tablet = createAgent(t.deps, { userAgent: 'tablet' });
    await tablet.login('changer', 'first good password');

    const result = await laptop.api.user.changePassword({
      currentPassword: 'first good password',
      newPassword: 'second good password',
    });
    expect(result).toEqual({ revokedSessions: 2 });
    await laptop.api.user.me();
    await expectAppError(phone.api.user.me(), 'UNAUTHORIZED', 'auth.sessionRevoked');
    await expectAppError(tablet.api.auth.refresh(), 'UNAUTHORIZED', 'auth.invalidRefreshToken');

    await expectAppError(
      createAgent(t.deps).login('changer', 'first good password'),
      'UNAUTHORIZED',
      'auth.invalidCredentials',
    );
    await createAgent(t.deps).login('changer', 'second good password');
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('details')
      .where('action', '=', 'user.password_changed')
      .execute();
    expect(audit.at(-1)?.details).toEqual({ revokedSessions: 2 });
  });

  it('refuses a wrong current password and a weak new one, changing nothing', async () => {
    const agent = createAgent(t.deps);
    await agent.register('carefulchanger', 'first good password');
    await expectAppError(
      agent.api.user.changePassword({ currentPassword: 'not it at all', newPassword: 'second good password' }),
      'BAD_REQUEST',
      'password.wrongCurrent',
    );
    await expectAppError(
      agent.api.user.changePassword({ currentPassword: 'first good password', newPassword: 'iloveyou1' }),
      'BAD_REQUEST',
      'password.tooCommon',
    );
    await createAgent(t.deps).login('carefulchanger', 'first good password');
  });
});

describe('user.changePassword without a password', () => {
  it('explains that the account has no password (phone-only accounts)', async () => {
    const agent = createAgent(t.deps);
    const { user } = await agent.register('phoneonly');
    await t.deps.db.updateTable('users').set({ password_hash: null }).where('id', '=', user.id).execute();
    await expectAppError(
      agent.api.user.changePassword({ currentPassword: 'anything at all', newPassword: 'second good password' }),
      'BAD_REQUEST',
      'password.notSet',
    );
    // and such an account cannot be signed into with a password either
    await expectAppError(createAgent(t.deps).login('phoneonly'), 'UNAUTHORIZED', 'auth.invalidCredentials');
  });
});

describe('user.changePassword guessing', () => {
  it('counts wrong current passwords as failed logins of the account', async () => {
    const agent = createAgent(t.deps);
    await agent.register('guessed', 'first good password');
    for (let i = 0; i < 3; i++) {
      await expectAppError(
        agent.api.user.changePassword({ currentPassword: `guess ${i} wrong`, newPassword: 'second good password' }),
        'BAD_REQUEST',
        'password.wrongCurrent',
      );
    }
    for (let i = 0; i < 2; i++) {
      await expectAppError(
        createAgent(t.deps).login('guessed', `guess ${i} also wrong`),
        'UNAUTHORIZED',
        'auth.invalidCredentials',
      );
    }
    const blocked = await expectAppError(
      agent.api.user.changePassword({ currentPassword: 'first good password', newPassword: 'second good password' }),
      'TOO_MANY_REQUESTS',
      'auth.tooManyFailedLogins',
    );
    expect(blocked.retryAfterSeconds).toBeGreaterThan(0);
    await expectAppError(
      createAgent(t.deps).login('guessed', 'first good password'),
      'TOO_MANY_REQUESTS',
      'auth.tooManyFailedLogins',
    );
  });
});

describe('user.sessions and revocation', () => {
  it('lists live sessions with the current one marked, and revokes one or all others', async () => {
    const a = createAgent(t.deps, { userAgent: 'A', ip: '192.0.2.1' });
    await a.register('multidevice');
    const b = createAgent(t.deps, { userAgent: 'B', ip: '192.0.2.2' });
    await b.login('multidevice');
    const c = createAgent(t.deps, { userAgent: 'C', ip: '192.0.2.3' });
    await c.login('multidevice');

    const sessions = await a.api.user.sessions();
    expect(sessions).toHaveLength(3);
    expect(sessions.filter((s) => s.current).map((s) => s.userAgent)).toEqual(['A']);
    expect(sessions.map((s) => s.ip).toSorted()).toEqual(['192.0.2.1', '192.0.2.2', '192.0.2.3']);

    const sessionOfB = sessions.find((s) => s.userAgent === 'B');
    expect(await a.api.user.revokeSession({ sessionId: sessionOfB?.id ?? '' })).toEqual({ ok: true });
    await expectAppError(b.api.user.me(), 'UNAUTHORIZED', 'auth.sessionRevoked');
    await expectAppError(
      a.api.user.revokeSession({ sessionId: sessionOfB?.id ?? '' }),
      'NOT_FOUND',
      'user.sessionNotFound',
    );

    expect(await a.api.user.revokeOtherSessions()).toEqual({ revokedSessions: 1 });
    await expectAppError(c.api.user.me(), 'UNAUTHORIZED', 'auth.sessionRevoked');
    expect((await a.api.user.sessions()).map((s) => s.userAgent)).toEqual(['A']);
  });

  it("cannot revoke someone else's session", async () => {
    const owner = createAgent(t.deps);
    await owner.register('victim');
    const [victimSession] = await owner.api.user.sessions();
    const intruder = createAgent(t.deps);
    await intruder.register('intruder');
    await expectAppError(
      intruder.api.user.revokeSession({ sessionId: victimSession?.id ?? '' }),
      'NOT_FOUND',
      'user.sessionNotFound',
    );
    await owner.api.user.me();
  });
});
