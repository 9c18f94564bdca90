import { TRPCClientError } from '@trpc/client';
import { describe, expect, it } from 'vitest';
import { isUnauthorized } from '@arya/client/links';
import { formatMessage } from '@arya/i18n/catalogue';
import { messages, type MessageKey } from '../src/i18n/messages';
import { describeError, withLiveWait } from '../src/lib/errors';

const t = (key: MessageKey, params?: Record<string, string | number>) => formatMessage(messages[key].en, params, 'en');

function serverError(message: string, data: Record<string, unknown>) {
  return TRPCClientError.from({ error: { message, code: -32_029, data } });
}

describe('describeError', () => {
  it('shows the server message and the wait of a rate limit', () => {
    const error = serverError('Too many failed sign-in attempts. Try again in 840 seconds.', {
      code: 'TOO_MANY_REQUESTS',
      httpStatus: 429,
      messageKey: 'auth.tooManyFailedLogins',
      params: { retryAfterSeconds: 840 },
      retryAfterSeconds: 840,
    });
    expect(describeError(error, t)).toEqual({
      message: 'Too many failed sign-in attempts. Try again in 840 seconds.',
      code: 'TOO_MANY_REQUESTS',
      retryAfterSeconds: 840,
      fieldErrors: {},
    });
  });

  it('keeps field errors of a validation failure', () => {
    const error = serverError('Some fields are not valid.', {
      code: 'BAD_REQUEST',
      messageKey: 'error.validation',
      params: {},
      fieldErrors: { account: ['Use at least 3 characters.'] },
    });
    expect(describeError(error, t).fieldErrors).toEqual({ account: ['Use at least 3 characters.'] });
  });

  it('turns a failure without a server answer into a connection hint', () => {
    expect(describeError(TRPCClientError.from(new TypeError('Failed to fetch')), t).message).toBe(t('error.network'));
    expect(describeError(new Error('boom'), t).code).toBeNull();
  });
});

describe('isUnauthorized', () => {
  it('is true only for UNAUTHORIZED answers from the server', () => {
    expect(isUnauthorized(serverError('Please sign in first.', { code: 'UNAUTHORIZED' }))).toBe(true);
    expect(isUnauthorized(serverError('Not allowed.', { code: 'FORBIDDEN' }))).toBe(false);
    expect(isUnauthorized(new Error('UNAUTHORIZED'))).toBe(false);
  });
});

const waitText = (locale: 'zh-CN' | 'en') => (seconds: number) =>
  formatMessage(messages['wait.seconds'][locale], { seconds }, locale);

describe('withLiveWait', () => {
  it("counts the server's figure down in place, leaving other numbers alone", () => {
    expect(withLiveWait('该手机号获取验证码过于频繁，请 60 秒后再试。', 60, 42, waitText('zh-CN'))).toBe(
      '该手机号获取验证码过于频繁，请 42 秒后再试。',
    );
    expect(withLiveWait('Too many codes for 13800138060. Try again in 60 seconds.', 60, 7, waitText('en'))).toBe(
      'Too many codes for 13800138060. Try again in 7 seconds.',
    );
    expect(withLiveWait('Try again later.', 60, 7, waitText('en'))).toBe('Try again later.');
  });

  it('says "1 second" at the end of the count, and counts a one-second wait up as it was written', () => {
    expect(withLiveWait('Try again in 60 seconds.', 60, 1, waitText('en'))).toBe('Try again in 1 second.');
    expect(withLiveWait('Try again in 1 second.', 1, 1, waitText('en'))).toBe('Try again in 1 second.');
    expect(withLiveWait('请 60 秒后再试。', 60, 1, waitText('zh-CN'))).toBe('请 1 秒后再试。');
  });
});
