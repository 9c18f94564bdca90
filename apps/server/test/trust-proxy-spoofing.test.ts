import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmsTestApp, listenOnLoopback, uniquePhone, type SmsTestApp } from './helpers';

// Behind a reverse proxy (TRUST_PROXY=true) the proxy appends the address it saw to X-Forwarded-For; whatever the
// client put in that header comes first. The client address must be the one the proxy added, or every per-address
// rule (SMS limits and proof of work, sign-in and sign-up limits, audit entries) is the client's to choose.
// Production mode over loopback HTTP; this test plays the proxy.
let server: SmsTestApp;
let baseUrl: string;

beforeAll(async () => {
  server = await createSmsTestApp({
    env: { NODE_ENV: 'production', TRUST_PROXY: 'true', SMS_POW_AFTER: '2', REGISTRATIONS_PER_IP_PER_HOUR: '2' },
  });
  baseUrl = await listenOnLoopback(server.app);
});
afterAll(async () => {
  await server?.close();
});

/** An sms.send as the proxy forwards it: the client's own X-Forwarded-For, then the address the proxy saw. */
async function sendThroughProxy(clientHeader: string | null, seenByProxy: string): Promise<number> {
  const response = await fetch(`${baseUrl}/trpc/sms.send`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-forwarded-for': clientHeader === null ? seenByProxy : `${clientHeader}, ${seenByProxy}`,
    },
    body: JSON.stringify({ phone: uniquePhone(), purpose: 'login' }),
  });
  return response.status;
}

describe('client address behind a trusted proxy', () => {
  it('a client cannot pick its address by sending X-Forwarded-For itself', async () => {
    const statuses = [];
    for (let i = 1; i <= 4; i++) statuses.push(await sendThroughProxy(`10.66.${i}.1`, '198.51.100.7'));
    // Same client every time: the proof of work is asked for from the third code on.
    expect(statuses).toEqual([200, 200, 412, 412]);
  });

  it('addresses of one IPv6 /64 (one subscriber) share the per-address limits', async () => {
    const statuses = [];
    for (let i = 1; i <= 4; i++) statuses.push(await sendThroughProxy(null, `2001:db8:7:1:${i}::${i}`));
    expect(statuses).toEqual([200, 200, 412, 412]);
    // The same address written another way, or IPv4 mapped into IPv6, is the same client too.
    expect(await sendThroughProxy(null, '2001:0db8:0007:0001:ffff:0:0:9')).toBe(412);
    expect([await sendThroughProxy(null, '203.0.113.5'), await sendThroughProxy(null, '::ffff:203.0.113.5')]).toEqual([
      200, 200,
    ]);
    expect(await sendThroughProxy(null, '203.0.113.5')).toBe(412);
    // Another /64 is another client.
    expect(await sendThroughProxy(null, '2001:db8:7:2::1')).toBe(200);
  });

  it('sign-ups from one IPv6 /64 share REGISTRATIONS_PER_IP_PER_HOUR', async () => {
    const statuses = [];
    for (let i = 1; i <= 3; i++) {
      const response = await fetch(`${baseUrl}/trpc/auth.register`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': `2001:db8:8:1::${i}` },
        body: JSON.stringify({ account: `v6-signup-${i}`, password: 'Quartz-Lantern-42-Orbit' }),
      });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([200, 200, 429]);
  });

  it('clients the proxy saw as different are still told apart', async () => {
    expect(await sendThroughProxy(null, '198.51.100.8')).toBe(200);
    expect(await sendThroughProxy('198.51.100.7', '198.51.100.9')).toBe(200);
  });
});
