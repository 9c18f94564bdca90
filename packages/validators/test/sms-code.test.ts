import { describe, expect, it } from 'vitest';
import { SMS_CODE_LENGTH, SMS_CODE_PATTERN } from '../src/sms-code';

describe('SMS code rule', () => {
  it('takes exactly six digits', () => {
    expect(SMS_CODE_PATTERN.test('012345')).toBe(true);
    expect('012345'.length).toBe(SMS_CODE_LENGTH);
    for (const code of ['12345', '1234567', '12345a', ' 123456', '１２３４５６'])
      expect(SMS_CODE_PATTERN.test(code)).toBe(false);
  });
});
