import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTemplate, inspectWorkbook } from '@arya/bom';
import { SETUP_LINK_TTL_SECONDS } from '../../src/modules/auth/keys';
import { insertFileOrReuse } from '../../src/modules/bom/files-repo';
import { insertRun } from '../../src/modules/bom/runs-repo';
import { expectAppError } from '../helpers/errors';
import {
  ADMIN_PASSWORD,
  createAgent,
  createTestApi,
  firstAdminAgent,
  type Agent,
  type TestApi,
} from '../helpers/harness';

const GOOD_PASSWORD = 'amber-kettle-1294';

describe('REGISTRATION_MODE', () => {
  let closed: TestApi;
  beforeAll(async () => {
    closed = await createTestApi({ REGISTRATION_MODE: 'closed' });
  });
  afterAll(() => closed.close());

  it('defaults to closed in production and open elsewhere', async () => {
    const { registrationMode } = await import('../../src/modules/auth/registration-mode');
    expect(registrationMode({ NODE_ENV: 'production', REGISTRATION_MODE: undefined })).toBe('closed');
    expect(registrationMode({ NODE_ENV: 'development', REGISTRATION_MODE: undefined })).toBe('open');
    expect(registrationMode({ NODE_ENV: 'production', REGISTRATION_MODE: 'open' })).toBe('open');
  });

  it('tells anyone the mode, so the sign-up screen can say registration is closed', async () => {
    expect(await createAgent(closed.deps).api.auth.registrationMode()).toEqual({ mode: 'closed' });
  });

  it('when closed, refuses every way of signing up and sends no register code, creating nothing', async () => {
    const anonymous = createAgent(closed.deps);
    await expectAppError(anonymous.register('walk-in', GOOD_PASSWORD), 'FORBIDDEN', 'auth.registrationClosed');
    await expectAppError(
      anonymous.api.auth.register({ phone: '13900001111', code: '123456' }),
      'FORBIDDEN',
      'auth.registrationClosed',
    );
    await expectAppError(
      anonymous.api.sms.send({ phone: '13900001111', purpose: 'register' }),
      'FORBIDDEN',
      'auth.registrationClosed',
    );
    const users = await closed.deps.db.selectFrom('users').select('id').execute();
    expect(users).toHaveLength(0);
    const sent = await closed.deps.db.selectFrom('sms_messages').select('id').execute();
    expect(sent).toHaveLength(0);
  });
});

describe('admin.users.create and the one-time set-password link', () => {
  let t: TestApi;
  let admin: Agent;
  beforeAll(async () => {
    t = await createTestApi({ REGISTRATION_MODE: 'closed' });
    admin = await firstAdminAgent(t.deps);
  });
  afterAll(() => t.close());

  it('creates a password-less account whose owner sets a password by link and is signed in', async () => {
    const created = await admin.api.admin.users.create({ account: 'New.Hire', username: '新同事' });
    expect(created.user).toMatchObject({ account: 'new.hire', username: '新同事', role: 'user', hasPassword: false });
    expect(created.setupLink.token).toMatch(/^[\w-]{40,}$/);

    const owner = createAgent(t.deps);
    const signedIn = await owner.api.auth.setPasswordWithLink({
      token: created.setupLink.token,
      newPassword: GOOD_PASSWORD,
    });
    expect(signedIn.user).toMatchObject({ account: 'new.hire', hasPassword: true });
    owner.accessToken = signedIn.accessToken;
    expect((await owner.api.user.me()).account).toBe('new.hire');
    await createAgent(t.deps).login('new.hire', GOOD_PASSWORD);

    // one time only
    await expectAppError(
      createAgent(t.deps).api.auth.setPasswordWithLink({ token: created.setupLink.token, newPassword: GOOD_PASSWORD }),
      'BAD_REQUEST',
      'auth.setupLinkInvalid',
    );
    const actions = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('subject_user_id', '=', created.user.id)
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'admin.user_created',
      'auth.password_set_by_link',
      'auth.login', // signed in by the link
      'auth.login', // then by account and password
    ]);
  });

  it('does not burn the link on a weak password', async () => {
    const created = await admin.api.admin.users.create({ account: 'careful-hire' });
    const owner = createAgent(t.deps);
    await expectAppError(
      owner.api.auth.setPasswordWithLink({ token: created.setupLink.token, newPassword: 'password' }),
      'BAD_REQUEST',
      'password.tooCommon',
    );
    await owner.api.auth.setPasswordWithLink({ token: created.setupLink.token, newPassword: GOOD_PASSWORD });
  });

  it('refuses an expired link, a made-up one, and one replaced by a newer link', async () => {
    const created = await admin.api.admin.users.create({ account: 'slow-hire' });
    t.clock.advance(SETUP_LINK_TTL_SECONDS * 1000 + 1000);
    await admin.login('boss', ADMIN_PASSWORD); // the clock jump outlived the admin's access token too
    const owner = createAgent(t.deps);
    await expectAppError(
      owner.api.auth.setPasswordWithLink({ token: created.setupLink.token, newPassword: GOOD_PASSWORD }),
      'BAD_REQUEST',
      'auth.setupLinkInvalid',
    );
    await expectAppError(
      owner.api.auth.setPasswordWithLink({ token: 'x'.repeat(43), newPassword: GOOD_PASSWORD }),
      'BAD_REQUEST',
      'auth.setupLinkInvalid',
    );
    const first = await admin.api.admin.users.issueSetupLink({ userId: created.user.id });
    const second = await admin.api.admin.users.issueSetupLink({ userId: created.user.id });
    await expectAppError(
      owner.api.auth.setPasswordWithLink({ token: first.token, newPassword: GOOD_PASSWORD }),
      'BAD_REQUEST',
      'auth.setupLinkInvalid',
    );
    await owner.api.auth.setPasswordWithLink({ token: second.token, newPassword: GOOD_PASSWORD });
  });

  it('refuses the link of a user disabled since, and signs them in nowhere', async () => {
    const created = await admin.api.admin.users.create({ account: 'gone-hire' });
    await admin.api.admin.users.setDisabled({ userId: created.user.id, disabled: true });
    await expectAppError(
      createAgent(t.deps).api.auth.setPasswordWithLink({ token: created.setupLink.token, newPassword: GOOD_PASSWORD }),
      'FORBIDDEN',
      'auth.accountDisabled',
    );
  });

  it('needs an account or a phone, refuses taken ones and bad phones, and is for admins only', async () => {
    await expectAppError(
      admin.api.admin.users.create({ username: 'nobody' }),
      'BAD_REQUEST',
      'admin.accountOrPhoneNeeded',
    );
    await expectAppError(admin.api.admin.users.create({ account: 'boss' }), 'CONFLICT', 'auth.accountTaken');
    await expectAppError(admin.api.admin.users.create({ phone: '12345' }), 'BAD_REQUEST', 'sms.phoneInvalid');
    await admin.api.admin.users.create({ phone: '13900002222' });
    await expectAppError(admin.api.admin.users.create({ phone: '+8613900002222' }), 'CONFLICT', 'user.phoneTaken');
    await expect(admin.api.admin.users.create({ account: 'x' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });

    const hire = await admin.api.admin.users.create({ account: 'plain-hire' });
    const plain = createAgent(t.deps);
    plain.accessToken = (
      await plain.api.auth.setPasswordWithLink({ token: hire.setupLink.token, newPassword: GOOD_PASSWORD })
    ).accessToken;
    await expectAppError(plain.api.admin.users.create({ account: 'sneaky' }), 'FORBIDDEN', 'auth.adminRequired');
    await expectAppError(
      plain.api.admin.users.issueSetupLink({ userId: hire.user.id }),
      'FORBIDDEN',
      'auth.adminRequired',
    );
    await expectAppError(
      createAgent(t.deps).api.admin.users.create({ account: 'anon' }),
      'UNAUTHORIZED',
      'auth.missingAccessToken',
    );
    const sneaky = await t.deps.db
      .selectFrom('users')
      .select('id')
      .where('account', 'in', ['sneaky', 'anon'])
      .execute();
    expect(sneaky).toHaveLength(0);
  });

  it('creates admins when asked', async () => {
    const created = await admin.api.admin.users.create({ account: 'deputy', role: 'admin' });
    expect(created.user.role).toBe('admin');
  });
});

describe('user.setAccount', () => {
  let t: TestApi;
  let admin: Agent;
  beforeAll(async () => {
    t = await createTestApi();
    admin = await firstAdminAgent(t.deps);
  });
  afterAll(() => t.close());

  async function phoneOnlyUser(phone: string): Promise<Agent> {
    const created = await admin.api.admin.users.create({ phone });
    const agent = createAgent(t.deps);
    agent.accessToken = (
      await agent.api.auth.setPasswordWithLink({ token: created.setupLink.token, newPassword: GOOD_PASSWORD })
    ).accessToken;
    return agent;
  }

  it('gives an account without a name its name once, then the name signs in', async () => {
    const agent = await phoneOnlyUser('13900003333');
    expect((await agent.api.user.me()).account).toBeNull();
    const updated = await agent.api.user.setAccount({ account: 'Later.Name' });
    expect(updated.account).toBe('later.name');
    await createAgent(t.deps).login('later.name', GOOD_PASSWORD);
    await expectAppError(agent.api.user.setAccount({ account: 'another' }), 'BAD_REQUEST', 'user.accountAlreadySet');
  });

  it('refuses a taken name and a bad one, leaving the account nameless', async () => {
    const agent = await phoneOnlyUser('13900004444');
    await expectAppError(agent.api.user.setAccount({ account: 'BOSS' }), 'CONFLICT', 'auth.accountTaken');
    await expect(agent.api.user.setAccount({ account: 'no spaces' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect((await agent.api.user.me()).account).toBeNull();
    await expectAppError(
      createAgent(t.deps).api.user.setAccount({ account: 'anon' }),
      'UNAUTHORIZED',
      'auth.missingAccessToken',
    );
  });
});

describe('admin.stats (the admin dashboard)', () => {
  let t: TestApi;
  let admin: Agent;
  beforeAll(async () => {
    t = await createTestApi();
    admin = await firstAdminAgent(t.deps);
  });
  afterAll(() => t.close());

  it('counts live accounts and the runs created since the time given; admins only', async () => {
    const plain = createAgent(t.deps);
    const { user } = await plain.register('stats-user', GOOD_PASSWORD);
    const gone = await admin.api.admin.users.create({ account: 'stats-gone' });
    await t.deps.db.updateTable('users').set({ deleted_at: t.clock.now() }).where('id', '=', gone.user.id).execute();

    const { row: file } = await insertFileOrReuse(t.deps.db, {
      ownerId: user.id,
      kind: 'bom',
      name: 'bom.xlsx',
      sha256: 'a'.repeat(64),
      bytes: Buffer.from('not read here'),
      inspect: inspectWorkbook(buildTemplate()),
      at: t.clock.now(),
    });
    const run = (at: Date) =>
      insertRun(t.deps.db, { ownerId: user.id, bomFileId: file.id, opsFileId: null, opsSource: 'rows', ops: [], at });
    const startOfDay = new Date('2026-11-28T00:00:00+08:00');
    await run(new Date(startOfDay.getTime() - 1000)); // yesterday
    await run(startOfDay);
    await run(t.clock.now());

    expect(await admin.api.admin.stats({ since: startOfDay.toISOString() })).toEqual({ users: 2, runsSince: 2 });
    expect(await admin.api.admin.stats({ since: '2026-11-28T00:00:00+08:00' })).toEqual({ users: 2, runsSince: 2 });
    await expectAppError(plain.api.admin.stats({ since: startOfDay.toISOString() }), 'FORBIDDEN', 'auth.adminRequired');
    await expect(admin.api.admin.stats({ since: 'yesterday' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
