import { describe, expect, it } from 'vitest';
import { canonicalRequest, percentEncode, sign, stringToSign } from '../src/signature';

describe('ACS3-HMAC-SHA256', () => {
  it('percent-encodes as RFC 3986 requires', () => {
    expect(percentEncode("a b*c~d!'()")).toBe('a%20b%2Ac~d%21%27%28%29');
    expect(percentEncode('{"code":"1"}')).toBe('%7B%22code%22%3A%221%22%7D');
  });

  it('builds the canonical request with sorted query, signed headers and the hashed payload', () => {
    const request = {
      method: 'POST',
      path: '/',
      query: new Map([
        ['TemplateParam', '{"code":"1"}'],
        ['PhoneNumbers', '13800138000'],
      ]),
      headers: {
        host: 'dysmsapi.aliyuncs.com',
        'x-acs-action': 'SendSms',
        'x-acs-content-sha256': 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      },
      body: Buffer.alloc(0),
    };
    const canonical = canonicalRequest(request, ['host', 'x-acs-action', 'x-acs-content-sha256']);
    expect(canonical).toBe(
      [
        'POST',
        '/',
        'PhoneNumbers=13800138000&TemplateParam=%7B%22code%22%3A%221%22%7D',
        'host:dysmsapi.aliyuncs.com\nx-acs-action:SendSms\n' +
          'x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n',
        'host;x-acs-action;x-acs-content-sha256',
        'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      ].join('\n'),
    );
    expect(stringToSign(canonical)).toMatch(/^ACS3-HMAC-SHA256\n[0-9a-f]{64}$/);
    expect(sign('secret', 'x')).not.toBe(sign('other', 'x'));
  });
});
