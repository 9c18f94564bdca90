import { solveChallenge } from 'altcha-lib/v1';
import { afterEach, describe, expect, it } from 'vitest';
import { createTestClock, type TestClock } from '@arya/testing';
import { createSmsTestApp, uniquePhone, type SmsTestApp, type TestApp, type TrpcResponse } from './helpers';

// SMS cost guard (issue 10, "Also"): a global send budget against SMS pumping from many addresses, and a proof of
// work once one address has asked for several codes. The real server over HTTP (inject), real Redis and Postgres,
// and the Dysmsapi emulator through the real Aliyun SDK.
const apps: SmsTestApp[] = [];

afterEach(async () => {
  for (const app of apps.splice(0).toReversed()) await app.close();
});

/** Each test's servers have an emulator of their own (a second server shares the first one's). */
async function startServer(env: Record<string, string>, options: { clock?: TestClock; shareWith?: SmsTestApp } = {}) {
  const server = await createSmsTestApp({ ...options, env });
  apps.push(server);
  return server;
}

async function call(server: TestApp, path: string, input: unknown, from: string, locale = 'en'): Promise<TrpcResponse> {
  const response = await server.app.inject({
    method: 'POST',
    url: `/trpc/${path}`,
    payload: input as object,
    headers: { 'accept-language': locale },
    remoteAddress: from,
  });
  return { statusCode: response.statusCode, body: response.json(), cookies: [] };
}

const send = (server: TestApp, from: string, extra: Record<string, unknown> = {}, locale = 'en') =>
  call(server, 'sms.send', { phone: uniquePhone(), purpose: 'login', ...extra }, from, locale);

async function budgetAudits(server: TestApp) {
  return server.deps.db
    .selectFrom('audit_log')
    .select(['details', 'ip'])
    .where('action', '=', 'sms.budget_exhausted')
    .orderBy('created_at')
    .execute();
}

describe('global SMS budget', () => {
  it('503 once the hour, then the day, is spent by many addresses; one audit entry per window', async () => {
    const clock = createTestClock('2026-11-30T10:20:00.000Z');
    const server = await startServer({ SMS_MAX_PER_HOUR: '4', SMS_MAX_PER_DAY: '6', SMS_POW_AFTER: '1000' }, { clock });
    const hour1 = [];
    for (let i = 1; i <= 7; i++) hour1.push(await send(server, `10.1.0.${i}`));
    expect(hour1.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 503, 503, 503]);
    const refused = hour1[4];
    expect(refused?.body.error?.data).toMatchObject({
      code: 'SERVICE_UNAVAILABLE',
      messageKey: 'sms.budgetExhaustedHour',
    });
    expect(refused?.body.error?.data.retryAfterSeconds).toBe(40 * 60);
    expect(refused?.body.error?.message).toBe(
      "This hour's limit of text-message codes has been reached. Try again in 2400 seconds, " +
        'or sign in with your account and password if you have one.',
    );
    const zh = await send(server, '10.1.0.99', {}, 'zh-CN');
    expect(zh.body.error?.message).toContain('本小时验证码短信已达发送上限');
    expect(server.emulator.messages()).toHaveLength(4);
    expect(await budgetAudits(server)).toEqual([
      { details: { window: 'hour:2026-11-30T10', limit: 4 }, ip: '10.1.0.5' },
    ]);

    clock.advance(60 * 60 * 1000); // the next clock hour: 2 more fit in the day
    const hour2 = [];
    for (let i = 1; i <= 4; i++) hour2.push(await send(server, `10.2.0.${i}`));
    expect(hour2.map((r) => r.statusCode)).toEqual([200, 200, 503, 503]);
    expect(hour2[2]?.body.error?.data.messageKey).toBe('sms.budgetExhaustedDay');
    expect(server.emulator.messages()).toHaveLength(6);
    expect((await budgetAudits(server)).map((row) => row.details)).toEqual([
      { window: 'hour:2026-11-30T10', limit: 4 },
      { window: 'day:2026-11-30', limit: 6 },
    ]);

    clock.set('2026-12-01T00:00:01.000Z'); // a new day
    expect((await send(server, '10.3.0.1')).statusCode).toBe(200);
  });

  it('parallel sends from many addresses on two server processes never exceed the budget', async () => {
    const env = { SMS_MAX_PER_HOUR: '10', SMS_MAX_PER_DAY: '1000', SMS_POW_AFTER: '1000' };
    const first = await startServer(env);
    const second = await startServer(env, { shareWith: first });
    const responses = await Promise.all(
      Array.from({ length: 40 }, (_, i) => send(i % 2 === 0 ? first : second, `10.4.${Math.floor(i / 200)}.${i + 1}`)),
    );
    const statuses = responses.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses.filter((s) => s === 503)).toHaveLength(30);
    expect(first.emulator.messages()).toHaveLength(10);
    expect(await budgetAudits(first)).toHaveLength(1);
  });

  it('a send the provider refuses gives its place in the budget back', async () => {
    const server = await startServer({ SMS_MAX_PER_HOUR: '1', SMS_POW_AFTER: '1000' });
    server.emulator.injectFault({ kind: 'serverError' });
    expect((await send(server, '10.5.0.1')).statusCode).toBe(503);
    expect((await send(server, '10.5.0.2')).statusCode).toBe(200);
    expect((await send(server, '10.5.0.3')).body.error?.data.messageKey).toBe('sms.budgetExhaustedHour');
  });
});

interface Challenge {
  algorithm: 'SHA-256';
  challenge: string;
  maxnumber: number;
  salt: string;
  signature: string;
}

async function solved(server: TestApp, from: string) {
  const response = await call(server, 'sms.challenge', {}, from);
  expect(response.statusCode).toBe(200);
  const challenge = response.body.result?.data as unknown as Challenge;
  expect(challenge).toMatchObject({ algorithm: 'SHA-256', maxnumber: 2000 });
  expect(challenge.salt).toMatch(/\?expires=\d+&$/);
  const solution = await solveChallenge(challenge.challenge, challenge.salt, 'SHA-256', challenge.maxnumber).promise;
  if (!solution) throw new Error('no solution found');
  const { maxnumber: _unused, ...rest } = challenge;
  return { ...rest, number: solution.number };
}

describe('proof of work after N codes from one address', () => {
  it('asks for it after N sends; refuses wrong, forged, expired and replayed proofs; accepts a right one', async () => {
    const clock = createTestClock('2026-11-30T10:00:00.000Z');
    const server = await startServer({ SMS_POW_AFTER: '2', SMS_POW_MAX_NUMBER: '2000' }, { clock });
    const from = '10.6.0.1';
    expect((await send(server, from)).statusCode).toBe(200);
    expect((await send(server, from)).statusCode).toBe(200);
    const required = await send(server, from);
    expect(required.statusCode).toBe(412);
    expect(required.body.error?.data).toMatchObject({ code: 'PRECONDITION_FAILED', messageKey: 'sms.proofRequired' });
    // Another address is not asked.
    expect((await send(server, '10.6.0.2')).statusCode).toBe(200);

    const proof = await solved(server, from);
    const wrongNumber = await send(server, from, { proof: { ...proof, number: (proof.number + 1) % 2000 } });
    expect(wrongNumber.statusCode).toBe(400);
    expect(wrongNumber.body.error?.data.messageKey).toBe('sms.proofInvalid');
    const forged = await send(server, from, { proof: { ...proof, signature: 'a'.repeat(64) } });
    expect(forged.body.error?.data.messageKey).toBe('sms.proofInvalid');
    const longerExpiry = proof.salt.replace(/expires=(\d+)/, (_, s: string) => `expires=${Number(s) + 3600}`);
    expect((await send(server, from, { proof: { ...proof, salt: longerExpiry } })).statusCode).toBe(400);

    const accepted = await send(server, from, { proof });
    expect(accepted.statusCode).toBe(200);
    expect(accepted.body.result?.data).toMatchObject({ sent: true });
    const replayed = await send(server, from, { proof });
    expect(replayed.statusCode).toBe(400);
    expect(replayed.body.error?.data.messageKey).toBe('sms.proofInvalid');
    expect(replayed.body.error?.message).toBe(
      'The automatic check failed, expired or was already used. Request the code again.',
    );

    const late = await solved(server, from);
    clock.advance(5 * 60 * 1000 + 1000);
    expect((await send(server, from, { proof: late })).body.error?.data.messageKey).toBe('sms.proofInvalid');
    expect((await send(server, from, { proof: await solved(server, from) })).statusCode).toBe(200);

    // An hour later the address starts afresh.
    clock.advance(60 * 60 * 1000);
    expect((await send(server, from)).statusCode).toBe(200);
  });

  it('parallel sends from one address cannot skip the proof', async () => {
    const server = await startServer({ SMS_POW_AFTER: '3' });
    const responses = await Promise.all(Array.from({ length: 12 }, () => send(server, '10.7.0.1')));
    const statuses = responses.map((r) => r.statusCode).toSorted();
    expect(statuses).toEqual([200, 200, 200, ...Array.from({ length: 9 }, () => 412)]);
  });
});
