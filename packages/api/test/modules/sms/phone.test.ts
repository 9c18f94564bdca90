import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/errors';
import { normalisePhone } from '../../../src/modules/sms/phone';

const mainlandOnly = { allowInternational: false };

describe('normalisePhone', () => {
  it.each([
    '13800138000',
    '+8613800138000',
    '008613800138000',
    '8613800138000',
    ' 138 0013 8000 ',
    '+86 138-0013-8000',
  ])('accepts the mainland mobile %s', (raw) => {
    expect(normalisePhone(raw, mainlandOnly)).toEqual({
      e164: '+8613800138000',
      providerNumber: '13800138000',
      mainland: true,
    });
  });

  it.each(['1380013800', '138001380001', '12800138000', '+86 1280013800', 'abc', '', '+8612345'])(
    'refuses %s as invalid',
    (raw) => {
      expect(() => normalisePhone(raw, mainlandOnly)).toThrow(AppError);
      expect(() => normalisePhone(raw, mainlandOnly)).toThrow(
        expect.objectContaining({ code: 'BAD_REQUEST', messageKey: 'sms.phoneInvalid' }),
      );
    },
  );

  it('refuses other countries unless international sending is enabled', () => {
    expect(() => normalisePhone('+85291234567', mainlandOnly)).toThrow(
      expect.objectContaining({ messageKey: 'sms.internationalNotSupported' }),
    );
    expect(normalisePhone('0085291234567', { allowInternational: true })).toEqual({
      e164: '+85291234567',
      providerNumber: '85291234567',
      mainland: false,
    });
  });
});
