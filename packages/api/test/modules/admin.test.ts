import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFirstAdmin } from '../../src';
import { expectAppError } from '../helpers/errors';
import { createAgent, createTestApi, type Agent, type TestApi } from '../helpers/harness';

let t: TestApi;
let admin: Agent;

beforeAll(async () => {
  t = await createTestApi();
  const created = await createFirstAdmin(t.deps, {
    account: 'root-admin',
    password: 'admin pass phrase',
    onlyIfNoAdmin: true,
  });
  if (created.status !== 'created') throw new Error(`expected the first admin to be created, got ${created.status}`);
  admin = createAgent(t.deps, { userAgent: 'admin-console' });
  await admin.login('root-admin', 'admin pass phrase');
});
afterAll(async () => {
  await t.close();
});

describe('admin guard', () => {
  it('refuses anonymous callers and plain users', async () => {
    await expectAppError(createAgent(t.deps).api.admin.users.list({}), 'UNAUTHORIZED', 'auth.missingAccessToken');
    const user = createAgent(t.deps);
    await user.register('plainuser');
    await expectAppError(user.api.admin.users.list({}), 'FORBIDDEN', 'auth.adminRequired');
  });

  it('takes a demotion into account at once, without waiting for the token to expire', async () => {
    const second = createAgent(t.deps);
    const { user } = await second.register('secondadmin');
    await admin.api.admin.users.setRole({ userId: user.id, role: 'admin' });
    await createAgent(t.deps).login('secondadmin'); // new token says admin
    await second.api.admin.users.list({}); // old token says user, but the database says admin
    await admin.api.admin.users.setRole({ userId: user.id, role: 'user' });
    await expectAppError(second.api.admin.users.list({}), 'FORBIDDEN', 'auth.adminRequired');
  });

  it('refuses to disable or demote yourself', async () => {
    const me = await admin.api.user.me();
    await expectAppError(
      admin.api.admin.users.setDisabled({ userId: me.id, disabled: true }),
      'FORBIDDEN',
      'admin.cannotChangeSelf',
    );
    await expectAppError(
      admin.api.admin.users.setRole({ userId: me.id, role: 'user' }),
      'FORBIDDEN',
      'admin.cannotChangeSelf',
    );
  });
});

describe('admin.users.list', () => {
  beforeAll(async () => {
    for (let i = 0; i < 7; i++) {
      const { user } = await createAgent(t.deps).register(
        `listed-${i}`,
        'correct horse battery',
        i % 2 === 0 ? `Even ${i}` : `Odd ${i}`,
      );
      if (i === 3)
        await t.deps.db.updateTable('users').set({ phone: '+8613912345678' }).where('id', '=', user.id).execute();
      if (i === 5) await admin.api.admin.users.setDisabled({ userId: user.id, disabled: true });
      if (i === 6)
        await t.deps.db.updateTable('users').set({ deleted_at: new Date() }).where('id', '=', user.id).execute();
    }
  });

  it('pages through every live user, newest first, without repeats or gaps', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await admin.api.admin.users.list({ limit: 3, ...(cursor ? { cursor } : {}) });
      seen.push(...page.items.map((u) => u.account ?? ''));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor && pages < 20);
    const all = await t.deps.db
      .selectFrom('users')
      .select('account')
      .where('deleted_at', 'is', null)
      .orderBy('created_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    expect(seen).toEqual(all.map((u) => u.account));
    expect(seen).not.toContain('listed-6');
  });

  it('filters by text over account, username and phone, and by status', async () => {
    const byName = await admin.api.admin.users.list({ query: 'even' });
    expect(byName.items.map((u) => u.account).toSorted()).toEqual(['listed-0', 'listed-2', 'listed-4']);
    const byPhone = await admin.api.admin.users.list({ query: '139123' });
    expect(byPhone.items.map((u) => u.account)).toEqual(['listed-3']);
    const literal = await admin.api.admin.users.list({ query: '%' });
    expect(literal.items).toEqual([]);
    expect((await admin.api.admin.users.list({ status: 'disabled' })).items.map((u) => u.account)).toEqual([
      'listed-5',
    ]);
    expect((await admin.api.admin.users.list({ status: 'deleted' })).items.map((u) => u.account)).toEqual(['listed-6']);
    const active = await admin.api.admin.users.list({ status: 'active', query: 'listed', limit: 100 });
    expect(active.items.map((u) => u.account).toSorted()).toEqual([
      'listed-0',
      'listed-1',
      'listed-2',
      'listed-3',
      'listed-4',
    ]);
  });

  it('refuses a forged cursor and an out-of-range limit', async () => {
    await expectAppError(
      admin.api.admin.users.list({ cursor: 'bm90IGEgY3Vyc29y' }),
      'BAD_REQUEST',
      'pagination.invalidCursor',
    );
    await expect(admin.api.admin.users.list({ limit: 101 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('admin actions on a user', () => {
  it('gets a user with live sessions, and NOT_FOUND for an unknown id', async () => {
    const agent = createAgent(t.deps, { userAgent: 'inspected-agent' });
    const { user } = await agent.register('inspected');
    const detail = await admin.api.admin.users.get({ userId: user.id });
    expect(detail.user).toMatchObject({ id: user.id, account: 'inspected', disabledAt: null, hasPassword: true });
    expect(detail.sessions.map((s) => s.userAgent)).toEqual(['inspected-agent']);
    await expectAppError(
      admin.api.admin.users.get({ userId: '00000000-0000-4000-8000-000000000000' }),
      'NOT_FOUND',
      'user.notFound',
    );
  });

  it('answers NOT_FOUND for actions on an unknown user', async () => {
    const nobody = '00000000-0000-4000-8000-000000000000';
    await expectAppError(
      admin.api.admin.users.setDisabled({ userId: nobody, disabled: true }),
      'NOT_FOUND',
      'user.notFound',
    );
    await expectAppError(
      admin.api.admin.users.setRole({ userId: nobody, role: 'admin' }),
      'NOT_FOUND',
      'user.notFound',
    );
    await expectAppError(admin.api.admin.users.revokeSessions({ userId: nobody }), 'NOT_FOUND', 'user.notFound');
  });

  it('disabling ends every session at once and stops sign-in; enabling lets the user back', async () => {
    const agent = createAgent(t.deps);
    const { user } = await agent.register('tobedisabled');
    const updated = await admin.api.admin.users.setDisabled({ userId: user.id, disabled: true });
    expect(updated.disabledAt).not.toBeNull();
    // The user learns why (disabled), not just that the session ended.
    await expectAppError(agent.api.user.me(), 'FORBIDDEN', 'auth.accountDisabled');
    await expectAppError(agent.api.auth.refresh(), 'UNAUTHORIZED', 'auth.invalidRefreshToken');
    // The right password answers as a wrong one would: a guesser learns nothing (api README, "Disabled accounts").
    await expectAppError(createAgent(t.deps).login('tobedisabled'), 'UNAUTHORIZED', 'auth.invalidCredentials');
    await admin.api.admin.users.setDisabled({ userId: user.id, disabled: false });
    await createAgent(t.deps).login('tobedisabled');
    // Enabling again does not bring the ended sessions back.
    await expectAppError(agent.api.user.me(), 'UNAUTHORIZED', 'auth.sessionRevoked');
  });

  it('revokes all sessions of a user', async () => {
    const agent = createAgent(t.deps);
    const { user } = await agent.register('revokedbyadmin');
    await createAgent(t.deps).login('revokedbyadmin');
    expect(await admin.api.admin.users.revokeSessions({ userId: user.id })).toEqual({ revokedSessions: 2 });
    await expectAppError(agent.api.user.me(), 'UNAUTHORIZED', 'auth.sessionRevoked');
  });

  it('records every admin action in the audit log, newest first, paged', async () => {
    const agent = createAgent(t.deps);
    const { user } = await agent.register('audited');
    await admin.api.admin.users.setRole({ userId: user.id, role: 'admin' });
    await admin.api.admin.users.setDisabled({ userId: user.id, disabled: true });
    await admin.api.admin.users.revokeSessions({ userId: user.id });
    const first = await admin.api.admin.users.auditLog({ userId: user.id, limit: 2 });
    expect(first.items.map((e) => e.action)).toEqual(['admin.sessions_revoked', 'admin.user_disabled']);
    expect(first.items[0]).toMatchObject({
      actorAccount: 'root-admin',
      subjectUserId: user.id,
      userAgent: 'admin-console',
    });
    const second = await admin.api.admin.users.auditLog({
      userId: user.id,
      limit: 2,
      cursor: first.nextCursor ?? undefined,
    });
    expect(second.items.map((e) => e.action)).toEqual(['admin.role_changed', 'auth.register']);
    expect(second.items[0]?.details).toEqual({ from: 'user', to: 'admin' });
  });
});

describe('createFirstAdmin', () => {
  it('skips when an admin exists and asked to, promotes an existing account otherwise', async () => {
    expect(
      await createFirstAdmin(t.deps, { account: 'envadmin', password: 'another good one', onlyIfNoAdmin: true }),
    ).toEqual({
      status: 'skipped',
      reason: 'admin_exists',
    });
    const { user } = await createAgent(t.deps).register('promoteme');
    expect(await createFirstAdmin(t.deps, { account: 'PromoteMe', password: 'another good one' })).toEqual({
      status: 'promoted',
      userId: user.id,
    });
    await expect(
      createFirstAdmin(t.deps, { account: 'no spaces allowed', password: 'another good one' }),
    ).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      messageKey: 'error.validation',
    });
    await expect(createFirstAdmin(t.deps, { account: 'weakadmin', password: 'password1' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      messageKey: 'password.tooCommon',
    });
  });
});
