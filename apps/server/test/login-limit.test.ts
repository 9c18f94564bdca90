import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, listenOnLoopback, registerUser, type TestApp } from './helpers';

interface TrpcError {
  error: { data: { code: string; retryAfterSeconds?: number } };
}

function login(baseUrl: string, password: string): Promise<Response> {
  return fetch(`${baseUrl}/trpc/auth.login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ account: 'shared-limit', password }),
  });
}

/** Two server processes' worth of app (own pools, own bcrypt workers) sharing one Postgres and one Redis. */
describe('login limit across two server instances', () => {
  let first: TestApp;
  let second: TestApp;
  const urls: string[] = [];
  beforeAll(async () => {
    first = await createTestApp();
    second = await createTestApp({ shareWith: first });
    for (const { app } of [first, second]) urls.push(await listenOnLoopback(app));
  });
  afterAll(async () => {
    await second.close();
    await first.close();
  });

  it('counts failed logins for one account in Redis, so the 6th attempt on either instance is refused', async () => {
    await registerUser(first.app, 'shared-limit');
    for (let attempt = 0; attempt < 5; attempt++) {
      const response = await login(urls[attempt % 2]!, `wrong-password-${attempt}`);
      expect(response.status).toBe(401);
    }
    for (const url of urls) {
      const refused = await login(url, 'Quartz-Lantern-42-Orbit');
      expect(refused.status).toBe(429);
      const body = (await refused.json()) as TrpcError;
      expect(body.error.data.code).toBe('TOO_MANY_REQUESTS');
      expect(body.error.data.retryAfterSeconds).toBeGreaterThan(0);
    }
  });
});
