import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFRESH_COOKIE_NAME } from '../../src';
import { expectAppError } from '../helpers/errors';
import { createAgent, createTestApi, type Agent, type TestApi } from '../helpers/harness';

let t: TestApi;

beforeAll(async () => {
  t = await createTestApi();
  await createAgent(t.deps).register('sessionuser');
});
afterAll(async () => {
  await t.close();
});

async function signedIn(userAgent = 'browser-a'): Promise<Agent> {
  const agent = createAgent(t.deps, { userAgent });
  await agent.login('sessionuser');
  return agent;
}

const cookieOf = (agent: Agent) => agent.cookies.get(REFRESH_COOKIE_NAME)?.value;

describe('auth.refresh', () => {
  it('rotates the refresh token from the cookie and keeps the session id', async () => {
    const agent = await signedIn();
    const before = cookieOf(agent);
    const sessionsBefore = await agent.api.user.sessions();
    const result = await agent.api.auth.refresh();
    agent.accessToken = result.accessToken;
    expect(cookieOf(agent)).toBeDefined();
    expect(cookieOf(agent)).not.toBe(before);
    const sessionsAfter = await agent.api.user.sessions();
    expect(sessionsAfter.map((s) => s.id).toSorted()).toEqual(sessionsBefore.map((s) => s.id).toSorted());
    expect(sessionsAfter.find((s) => s.current)?.id).toBe(sessionsBefore.find((s) => s.current)?.id);
  });

  it('takes the token from the input and returns the new one in the body when asked', async () => {
    const agent = createAgent(t.deps);
    const login = await agent.api.auth.login({
      account: 'sessionuser',
      password: 'correct horse battery',
      tokenDelivery: 'body',
    });
    const service = createAgent(t.deps); // no cookies
    const result = await service.api.auth.refresh({ refreshToken: login.refreshToken, tokenDelivery: 'body' });
    expect(result.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(result.refreshToken).not.toBe(login.refreshToken);
    expect(result.user.account).toBe('sessionuser');
  });

  it('asks to sign in again without a token, and clears the cookie for an unknown one', async () => {
    await expectAppError(createAgent(t.deps).api.auth.refresh(), 'UNAUTHORIZED', 'auth.missingRefreshToken');
    const agent = createAgent(t.deps);
    agent.cookies.set(REFRESH_COOKIE_NAME, { value: 'not-a-real-token', options: {} });
    await expectAppError(agent.api.auth.refresh(), 'UNAUTHORIZED', 'auth.invalidRefreshToken');
    expect(agent.cleared).toContain(REFRESH_COOKIE_NAME);
  });

  it('treats reuse of a rotated token after the grace period as theft: the whole session ends, access tokens too', async () => {
    const agent = await signedIn();
    const stolen = cookieOf(agent);
    const rotated = await agent.api.auth.refresh();
    agent.accessToken = rotated.accessToken;
    t.clock.advance(11_000);

    const attacker = createAgent(t.deps, { userAgent: 'browser-a' });
    await expectAppError(
      attacker.api.auth.refresh({ refreshToken: stolen }),
      'UNAUTHORIZED',
      'auth.refreshTokenReused',
    );
    // the legitimate client's newer token and its access token are dead as well
    await expectAppError(agent.api.auth.refresh(), 'UNAUTHORIZED', 'auth.invalidRefreshToken');
    await expectAppError(agent.api.user.me(), 'UNAUTHORIZED', 'auth.sessionRevoked');

    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'auth.refresh_reuse_detected')
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(1);
  });

  it('lets the same client reuse a just-rotated token within 10 s (concurrent tabs) without ending the session', async () => {
    const agent = await signedIn('browser-b');
    const original = cookieOf(agent);
    const first = await agent.api.auth.refresh({ refreshToken: original, tokenDelivery: 'body' });
    t.clock.advance(9_000);
    const second = await agent.api.auth.refresh({ refreshToken: original, tokenDelivery: 'body' });
    expect(second.refreshToken).not.toBe(first.refreshToken);
    // both successors still work, and so does the access token
    agent.accessToken = second.accessToken;
    await agent.api.user.me();
    await agent.api.auth.refresh({ refreshToken: first.refreshToken });
  });

  it('does not grant the grace period to a different client', async () => {
    const agent = await signedIn('browser-c');
    const original = cookieOf(agent);
    await agent.api.auth.refresh();
    t.clock.advance(2_000);
    const other = createAgent(t.deps, { userAgent: 'curl/8' });
    await expectAppError(other.api.auth.refresh({ refreshToken: original }), 'UNAUTHORIZED', 'auth.refreshTokenReused');
  });

  it('serves concurrent refreshes of one token from one client, all in one session', async () => {
    const agent = await signedIn('browser-d');
    const token = cookieOf(agent);
    const results = await Promise.all(
      Array.from({ length: 5 }, () => agent.api.auth.refresh({ refreshToken: token, tokenDelivery: 'body' })),
    );
    expect(new Set(results.map((r) => r.refreshToken)).size).toBe(5);
    agent.accessToken = results[4]?.accessToken ?? null;
    const sessions = await agent.api.user.sessions();
    expect(sessions.filter((s) => s.current)).toHaveLength(1);
    const tokens = await t.deps.db
      .selectFrom('sessions')
      .select(['family_id', 'revoked_at'])
      .where('family_id', '=', sessions.find((s) => s.current)?.id ?? '')
      .execute();
    expect(tokens).toHaveLength(6);
    expect(tokens.every((row) => row.revoked_at === null)).toBe(true);
  });

  it('expires refresh tokens after 30 days without use', async () => {
    const agent = await signedIn();
    t.clock.advance(30 * 24 * 3600 * 1000 + 1000);
    await expectAppError(agent.api.auth.refresh(), 'UNAUTHORIZED', 'auth.invalidRefreshToken');
  });
});

describe('access tokens', () => {
  it('expire after 15 minutes; a refresh gives a working one again', async () => {
    const agent = await signedIn();
    t.clock.advance(15 * 60 * 1000 + 1000);
    await expectAppError(agent.api.user.me(), 'UNAUTHORIZED', 'auth.invalidAccessToken');
    agent.accessToken = (await agent.api.auth.refresh()).accessToken;
    await agent.api.user.me();
  });

  it('are refused when missing or malformed', async () => {
    await expectAppError(createAgent(t.deps).api.user.me(), 'UNAUTHORIZED', 'auth.missingAccessToken');
    const agent = createAgent(t.deps);
    agent.accessToken = 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.';
    await expectAppError(agent.api.user.me(), 'UNAUTHORIZED', 'auth.invalidAccessToken');
  });
});

describe('auth.logout', () => {
  it('ends the session at once: access token refused, refresh token refused, cookie cleared, audited', async () => {
    const agent = await signedIn();
    const refreshToken = cookieOf(agent);
    expect(await agent.api.auth.logout()).toEqual({ endedSession: true });
    expect(agent.cleared).toContain(REFRESH_COOKIE_NAME);
    await expectAppError(agent.api.user.me(), 'UNAUTHORIZED', 'auth.sessionRevoked');
    await expectAppError(
      createAgent(t.deps).api.auth.refresh({ refreshToken }),
      'UNAUTHORIZED',
      'auth.invalidRefreshToken',
    );
    const audit = await t.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'auth.logout')
      .execute();
    expect(audit.length).toBeGreaterThanOrEqual(1);
  });

  it('ends the session from the refresh cookie alone, and is harmless without one', async () => {
    const agent = await signedIn();
    const accessToken = agent.accessToken;
    agent.accessToken = null;
    expect(await agent.api.auth.logout()).toEqual({ endedSession: true });
    agent.accessToken = accessToken;
    await expectAppError(agent.api.user.me(), 'UNAUTHORIZED', 'auth.sessionRevoked');
    expect(await createAgent(t.deps).api.auth.logout()).toEqual({ endedSession: false });
  });
});
