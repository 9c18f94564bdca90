import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REFRESH_COOKIE_NAME, SESSION_HINT_COOKIE_NAME } from '../../src';
import { expectAppError } from '../helpers/errors';
import { createAgent, createTestApi, type Agent, type TestApi } from '../helpers/harness';
import { auditCount } from '../helpers/rows';

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

/** Refresh tokens of the session that can still be exchanged: a family has one chain, so one head. */
async function liveChainHeads(sessionId: string): Promise<number> {
  const rows = await t.deps.db
    .selectFrom('sessions')
    .select('id')
    .where('family_id', '=', sessionId)
    .where('rotated_at', 'is', null)
    .where('revoked_at', 'is', null)
    .execute();
  return rows.length;
}

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

  it('returns the new token where the old one came from: body for a body token, cookie for a cookie', async () => {
    const login = await createAgent(t.deps).api.auth.login({
      account: 'sessionuser',
      password: 'correct horse battery',
      tokenDelivery: 'body',
    });
    const service = createAgent(t.deps, { userAgent: 'service' });
    const fromBody = await service.api.auth.refresh({ refreshToken: login.refreshToken });
    expect(fromBody.refreshToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // The service's next refresh with that token is an ordinary rotation, not reuse.
    const next = await service.api.auth.refresh({ refreshToken: fromBody.refreshToken });
    expect(next.refreshToken).not.toBe(fromBody.refreshToken);

    const browser = await signedIn();
    const fromCookie = await browser.api.auth.refresh();
    expect(fromCookie.refreshToken).toBeUndefined();
    expect(cookieOf(browser)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('asks to sign in again without a token, and clears the cookie for an unknown one', async () => {
    await expectAppError(createAgent(t.deps).api.auth.refresh(), 'UNAUTHORIZED', 'auth.missingRefreshToken');
    const agent = createAgent(t.deps);
    agent.cookies.set(REFRESH_COOKIE_NAME, { value: 'not-a-real-token', options: {} });
    await expectAppError(agent.api.auth.refresh(), 'UNAUTHORIZED', 'auth.invalidRefreshToken');
    expect(agent.cleared).toEqual(expect.arrayContaining([REFRESH_COOKIE_NAME, SESSION_HINT_COOKIE_NAME]));
  });

  it('treats reuse of a rotated token after the grace period as theft: session and access tokens end', async () => {
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

    expect(await auditCount(t.deps.db, 'auth.refresh_reuse_detected')).toBeGreaterThanOrEqual(1);
  });

  it('gives the same client the same successor of a just-rotated token within 10 s: one chain, intact', async () => {
    const agent = await signedIn('browser-b');
    const original = cookieOf(agent);
    const first = await agent.api.auth.refresh({ refreshToken: original, tokenDelivery: 'body' });
    t.clock.advance(9_000);
    const second = await agent.api.auth.refresh({ refreshToken: original, tokenDelivery: 'body' });
    expect(second.refreshToken).toBe(first.refreshToken);
    agent.accessToken = second.accessToken;
    const sessionId = (await agent.api.user.sessions()).find((s) => s.current)?.id ?? '';
    expect(await liveChainHeads(sessionId)).toBe(1);
    // The successor goes on working, and so does the session.
    const third = await agent.api.auth.refresh({ refreshToken: first.refreshToken ?? '', tokenDelivery: 'body' });
    agent.accessToken = third.accessToken;
    await agent.api.user.me();
    expect(await liveChainHeads(sessionId)).toBe(1);
  });

  it('replays lead to the head of the chain when the successor was rotated too', async () => {
    const agent = await signedIn('browser-e');
    const original = cookieOf(agent) ?? '';
    const first = await agent.api.auth.refresh({ refreshToken: original, tokenDelivery: 'body' });
    t.clock.advance(1_000);
    const second = await agent.api.auth.refresh({ refreshToken: first.refreshToken ?? '', tokenDelivery: 'body' });
    t.clock.advance(1_000);
    const replayed = await agent.api.auth.refresh({ refreshToken: original, tokenDelivery: 'body' });
    expect(replayed.refreshToken).toBe(second.refreshToken);
  });

  it('refuses a replay after the grace period as theft, even from the same client', async () => {
    const agent = await signedIn('browser-f');
    const original = cookieOf(agent) ?? '';
    const first = await agent.api.auth.refresh({ refreshToken: original, tokenDelivery: 'body' });
    t.clock.advance(11_000);
    await expectAppError(
      agent.api.auth.refresh({ refreshToken: original, tokenDelivery: 'body' }),
      'UNAUTHORIZED',
      'auth.refreshTokenReused',
    );
    await expectAppError(
      agent.api.auth.refresh({ refreshToken: first.refreshToken ?? '' }),
      'UNAUTHORIZED',
      'auth.invalidRefreshToken',
    );
  });

  it('does not grant the grace period to a different client', async () => {
    const agent = await signedIn('browser-c');
    const original = cookieOf(agent);
    await agent.api.auth.refresh();
    t.clock.advance(2_000);
    const other = createAgent(t.deps, { userAgent: 'curl/8' });
    await expectAppError(other.api.auth.refresh({ refreshToken: original }), 'UNAUTHORIZED', 'auth.refreshTokenReused');
  });

  it('serves concurrent refreshes of one token from one client with one successor', async () => {
    const agent = await signedIn('browser-d');
    const token = cookieOf(agent);
    const results = await Promise.all(
      Array.from({ length: 5 }, () => agent.api.auth.refresh({ refreshToken: token, tokenDelivery: 'body' })),
    );
    expect(new Set(results.map((r) => r.refreshToken)).size).toBe(1);
    agent.accessToken = results[4]?.accessToken ?? null;
    const sessionId = (await agent.api.user.sessions()).find((s) => s.current)?.id ?? '';
    const tokens = await t.deps.db
      .selectFrom('sessions')
      .select(['family_id', 'revoked_at'])
      .where('family_id', '=', sessionId)
      .execute();
    expect(tokens).toHaveLength(2);
    expect(tokens.every((row) => row.revoked_at === null)).toBe(true);
    expect(await liveChainHeads(sessionId)).toBe(1);
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
    expect(agent.cleared).toEqual(expect.arrayContaining([REFRESH_COOKIE_NAME, SESSION_HINT_COOKIE_NAME]));
    await expectAppError(agent.api.user.me(), 'UNAUTHORIZED', 'auth.sessionRevoked');
    await expectAppError(
      createAgent(t.deps).api.auth.refresh({ refreshToken }),
      'UNAUTHORIZED',
      'auth.invalidRefreshToken',
    );
    expect(await auditCount(t.deps.db, 'auth.logout')).toBeGreaterThanOrEqual(1);
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
