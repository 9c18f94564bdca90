import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './helpers';

describe('security headers, request ids and CORS', () => {
  let dev: TestApp;
  let production: TestApp;
  beforeAll(async () => {
    dev = await createTestApp({ env: { CORS_ORIGINS: 'https://app.example.com' } });
    production = await createTestApp({ env: { NODE_ENV: 'production' }, shareWith: dev });
  });
  afterAll(async () => {
    await production.close();
    await dev.close();
  });

  const preflight = (origin: string) =>
    dev.app.inject({
      method: 'OPTIONS',
      url: '/trpc/auth.login',
      headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });

  it('sends a same-origin CSP and the usual hardening headers', async () => {
    const response = await dev.app.inject('/healthz');
    const csp = String(response.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['x-frame-options']).toBe('SAMEORIGIN');
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });

  it('adds HSTS in production, never upgrade-insecure-requests (plain-HTTP intranets must keep working)', async () => {
    const response = await production.app.inject('/healthz');
    expect(response.headers['strict-transport-security']).toContain('max-age=');
    expect(String(response.headers['content-security-policy'])).not.toContain('upgrade-insecure-requests');
  });

  it('generates a request id and returns it', async () => {
    const first = await dev.app.inject('/healthz');
    const second = await dev.app.inject('/healthz');
    expect(first.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(second.headers['x-request-id']).not.toBe(first.headers['x-request-id']);
  });

  it('keeps a well-formed incoming request id and replaces a malformed one', async () => {
    const kept = await dev.app.inject({ url: '/healthz', headers: { 'x-request-id': 'edge-7f3a.42' } });
    expect(kept.headers['x-request-id']).toBe('edge-7f3a.42');
    const replaced = await dev.app.inject({ url: '/healthz', headers: { 'x-request-id': 'bad id\nwith newline' } });
    expect(replaced.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers CORS preflights for configured origins only, with credentials', async () => {
    const allowed = await preflight('https://app.example.com');
    expect(allowed.statusCode).toBe(204);
    expect(allowed.headers['access-control-allow-origin']).toBe('https://app.example.com');
    expect(allowed.headers['access-control-allow-credentials']).toBe('true');
    const refused = await preflight('https://evil.example.net');
    expect(refused.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('allows no cross-origin callers in production unless configured', async () => {
    const response = await production.app.inject({ url: '/healthz', headers: { origin: 'http://localhost:5173' } });
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
  });
});
