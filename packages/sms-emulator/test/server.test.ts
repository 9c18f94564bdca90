import * as Dysmsapi from '@alicloud/dysmsapi20170525';
import { SendSmsRequest } from '@alicloud/dysmsapi20170525';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSmsEmulator, type SmsEmulator } from '../src/index';

const KEY_ID = 'test-key-id';
const KEY_SECRET = 'test-key-secret';
const SIGN = 'Arya';
const TEMPLATE = 'SMS_000001';

let emulator: SmsEmulator;
let clock = Date.parse('2026-11-28T02:00:00Z');

beforeAll(async () => {
  emulator = await startSmsEmulator({ accessKeys: { [KEY_ID]: KEY_SECRET }, now: () => clock });
});
afterAll(() => emulator.close());
beforeEach(() => {
  emulator.reset();
  clock = Date.now();
});

/** The real SDK 4.x, constructed exactly as the api package constructs it. */
function sdk(
  options: { keyId?: string; secret?: string; readTimeout?: number; headers?: Record<string, string> } = {},
) {
  // CommonJS interop differs between runners: the class is either the default export or its `default` property.
  const exported: unknown = Dysmsapi.default;
  const Client = ((exported as { default?: typeof Dysmsapi.default }).default ??
    Dysmsapi.default) as typeof Dysmsapi.default;
  return new Client(
    new $OpenApiUtil.Config({
      accessKeyId: options.keyId ?? KEY_ID,
      accessKeySecret: options.secret ?? KEY_SECRET,
      endpoint: emulator.endpoint,
      protocol: 'http',
      readTimeout: options.readTimeout ?? 2000,
      connectTimeout: 1000,
      globalParameters: options.headers ? new $OpenApiUtil.GlobalParameters({ headers: options.headers }) : undefined,
    }),
  );
}

function sendCode(phone: string, code = '123456', client = sdk()) {
  return client.sendSms(
    new SendSmsRequest({
      phoneNumbers: phone,
      signName: SIGN,
      templateCode: TEMPLATE,
      templateParam: JSON.stringify({ code }),
    }),
  );
}

describe('Dysmsapi emulator driven by the real SDK', () => {
  it('accepts a correctly signed SendSms and records the code', async () => {
    const response = await sendCode('13800138000', '654321');
    expect(response.statusCode).toBe(200);
    expect(response.body?.code).toBe('OK');
    expect(response.body?.bizId).toMatch(/\^0$/);
    expect(response.body?.requestId).toMatch(/^[0-9A-F-]{36}$/);
    expect(emulator.latestCode('13800138000')).toBe('654321');
    expect(emulator.latestCode('+8613800138000')).toBe('654321');
    expect(emulator.messages('13800138000')[0]).toMatchObject({ signName: SIGN, templateCode: TEMPLATE });
  });

  it('accepts the documented spellings of mainland and international numbers', async () => {
    for (const phone of ['+8613800138001', '008613800138002', '8613800138003', '85212345678']) {
      expect((await sendCode(phone)).body?.code).toBe('OK');
    }
    expect(emulator.latestCode('13800138002')).toBe('123456');
    expect(emulator.latestCode('+85212345678')).toBe('123456');
  });

  it('refuses a wrong secret with 400 SignatureDoesNotMatch and delivers nothing', async () => {
    const error = await sendCode('13800138000', '111111', sdk({ secret: 'not-the-secret' })).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ClientError', statusCode: 400, code: 'SignatureDoesNotMatch' });
    expect(emulator.messages()).toHaveLength(0);
  });

  it('refuses an unknown access key id with 404 InvalidAccessKeyId.NotFound', async () => {
    const error = await sendCode('13800138000', '111111', sdk({ keyId: 'who-is-this' })).catch((e: unknown) => e);
    expect(error).toMatchObject({ statusCode: 404, code: 'InvalidAccessKeyId.NotFound' });
  });

  it('applies per-phone flow control with HTTP 200 isv.BUSINESS_LIMIT_CONTROL (1/min, 5/h, 10/day)', async () => {
    expect((await sendCode('13900139000')).body?.code).toBe('OK');
    const second = await sendCode('13900139000');
    expect(second.statusCode).toBe(200);
    expect(second.body).toMatchObject({ code: 'isv.BUSINESS_LIMIT_CONTROL', message: '触发分钟级流控Permits:1' });
    // Another phone is not affected.
    expect((await sendCode('13900139001')).body?.code).toBe('OK');
    for (let i = 0; i < 4; i++) {
      clock += 61_000;
      expect((await sendCode('13900139000')).body?.code).toBe('OK');
    }
    clock += 61_000;
    expect((await sendCode('13900139000')).body?.message).toBe('触发小时级流控Permits:5');
    clock += 60 * 60_000;
    for (let i = 0; i < 5; i++) {
      clock += 61_000;
      expect((await sendCode('13900139000')).body?.code).toBe('OK');
    }
    clock += 60 * 60_000;
    expect((await sendCode('13900139000')).body?.message).toBe('触发天级流控Permits:10');
  });

  it('answers an injected throttle with isv.BUSINESS_LIMIT_CONTROL, then recovers', async () => {
    emulator.injectFault({ kind: 'throttle' });
    expect((await sendCode('13700137000')).body?.code).toBe('isv.BUSINESS_LIMIT_CONTROL');
    expect((await sendCode('13700137000')).body?.code).toBe('OK');
  });

  it('answers injected gateway throttling as a ThrottlingError', async () => {
    emulator.injectFault({ kind: 'gatewayThrottle' });
    const error = await sendCode('13700137000').catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ThrottlingError', statusCode: 400, code: 'Throttling.User' });
  });

  it('answers injected 5xx faults as a ServerError carrying the RequestId, for the next N requests', async () => {
    emulator.injectFault({ kind: 'serverError' }, 2);
    for (let i = 0; i < 2; i++) {
      const error = await sendCode('13600136000').catch((e: unknown) => e);
      expect(error).toMatchObject({ name: 'ServerError', statusCode: 503, code: 'ServiceUnavailable' });
      expect((error as { requestId: string }).requestId).toMatch(/^[0-9A-F-]{36}$/);
    }
    emulator.injectFault({ kind: 'serverError', status: 500 });
    expect(await sendCode('13600136000').catch((e: unknown) => e)).toMatchObject({
      statusCode: 500,
      code: 'InternalError',
    });
    expect((await sendCode('13600136000')).body?.code).toBe('OK');
  });

  it('holds an answer back long enough for the SDK to time out, and delivers nothing for it', async () => {
    emulator.injectFault({ kind: 'delay', ms: 1500 });
    const error = await sendCode('13500135000', '222222', sdk({ readTimeout: 300 })).catch((e: unknown) => e);
    // A timeout error is the proof the SDK gave up first (an answer would have arrived after 1.5 s); no wall-clock
    // bound, which a loaded machine can stretch.
    expect(error).toBeInstanceOf(Error);
    expect(String((error as Error).message)).toMatch(/timeout/i);
    await new Promise((resolve) => setTimeout(resolve, 1600));
    expect(emulator.messages('13500135000')).toHaveLength(0);
  });

  it('resets a kept-alive connection under the next request (idleClose), not a fresh one', async () => {
    // The SDK keeps connections alive by default: the second request travels on the first one's connection.
    expect((await sendCode('13400134000', '111111')).body?.code).toBe('OK');
    emulator.injectFault({ kind: 'idleClose' });
    const error = await sendCode('13400134001', '222222').catch((e: unknown) => e);
    expect(String((error as Error).message)).toMatch(/ECONNRESET|socket hang up/);
    expect(emulator.messages('13400134001')).toHaveLength(0);

    // A client that asks for a connection per request never meets it.
    const closing = sdk({ headers: { connection: 'close' } });
    expect((await sendCode('13400134002', '333333', closing)).body?.code).toBe('OK');
    emulator.injectFault({ kind: 'idleClose' });
    expect((await sendCode('13400134003', '444444', closing)).body?.code).toBe('OK');
    expect(emulator.latestCode('13400134003')).toBe('444444');
  });

  it('answers an invalid number with HTTP 200 isv.MOBILE_NUMBER_ILLEGAL', async () => {
    for (const phone of ['12345', '+86 138', '138-0013-8000', '8612345', '13800138000x']) {
      const response = await sendCode(phone);
      expect(response.statusCode).toBe(200);
      expect(response.body?.code).toBe('isv.MOBILE_NUMBER_ILLEGAL');
    }
    expect(emulator.messages()).toHaveLength(0);
  });

  it('validates sign name, template and TemplateParam', async () => {
    const client = sdk();
    const send = (fields: Partial<{ signName: string; templateCode: string; templateParam: string }>) =>
      client.sendSms(
        new SendSmsRequest({
          phoneNumbers: '13800138000',
          signName: SIGN,
          templateCode: TEMPLATE,
          templateParam: '{"code":"123456"}',
          ...fields,
        }),
      );
    expect((await send({ signName: 'Other' })).body?.code).toBe('isv.SMS_SIGNATURE_ILLEGAL');
    expect((await send({ templateCode: 'SMS_999' })).body?.code).toBe('isv.SMS_TEMPLATE_ILLEGAL');
    expect((await send({ templateParam: '{"code":123456}' })).body?.code).toBe('isv.INVALID_JSON_PARAM');
    expect((await send({ templateParam: 'not json' })).body?.code).toBe('isv.INVALID_JSON_PARAM');
    expect((await send({ templateParam: '{"other":"1"}' })).body?.code).toBe('isv.TEMPLATE_MISSING_PARAMETERS');
    const missing = await send({ signName: '' }).catch((e: unknown) => e);
    expect(missing).toMatchObject({ statusCode: 400, code: 'MissingSignName' });
    expect(emulator.messages()).toHaveLength(0);
  });

  it('serves recorded messages and takes faults over HTTP for tests in another process', async () => {
    await sendCode('13800138000', '777777');
    const read = await fetch(`${emulator.url}/__emulator/messages?phone=%2B8613800138000`);
    expect(await read.json()).toMatchObject({ latestCode: '777777', messages: [{ phone: '13800138000' }] });

    const inject = await fetch(`${emulator.url}/__emulator/faults`, {
      method: 'POST',
      body: JSON.stringify({ fault: { kind: 'serverError' }, times: 1 }),
    });
    expect(inject.status).toBe(200);
    expect(await sendCode('13800138001').catch((e: unknown) => e)).toMatchObject({ statusCode: 503 });

    const bad = await fetch(`${emulator.url}/__emulator/faults`, { method: 'POST', body: '{"fault":{"kind":"nope"}}' });
    expect(bad.status).toBe(400);

    await fetch(`${emulator.url}/__emulator/messages`, { method: 'DELETE' });
    expect(emulator.messages()).toHaveLength(0);
  });
});
