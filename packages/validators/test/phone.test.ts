import { describe, expect, it } from 'vitest';
import { maskPhone, parsePhone, phoneInputProblem } from '../src/phone';

describe('parsePhone', () => {
  it.each([
    '13800138000',
    '+8613800138000',
    '008613800138000',
    '8613800138000',
    ' 138 0013 8000 ',
    '+86 (138) 0013-8000',
  ])('reads %s as a mainland mobile', (raw) => {
    expect(parsePhone(raw)).toEqual({ kind: 'mainland', national: '13800138000' });
  });

  it.each(['+85291234567', '0085291234567', '+1 415 555 0100', '0044 20 7946 0958'])(
    'reads %s as an international number',
    (raw) => {
      expect(parsePhone(raw).kind).toBe('international');
    },
  );

  it.each([
    '1380013800',
    '138001380001',
    '12800138000',
    '02112345678',
    '+86 1280013800',
    '+8612345',
    '+1 23',
    'abc',
    '',
  ])('refuses %s', (raw) => {
    expect(parsePhone(raw)).toEqual({ kind: 'invalid' });
  });
});

describe('phoneInputProblem', () => {
  it('refuses in the form what the server would refuse as invalid, and leaves other countries to the server', () => {
    expect(phoneInputProblem('13800138000')).toBeNull();
    expect(phoneInputProblem('+86 1380013800')).toBe('invalid');
    expect(phoneInputProblem('12345')).toBe('invalid');
    expect(phoneInputProblem('+14155550100')).toBeNull();
    expect(phoneInputProblem('0044 20 7946 0958')).toBeNull();
  });
});

describe('maskPhone', () => {
  it('keeps the country code, the first three and last four digits', () => {
    expect(maskPhone('+8613800138000')).toBe('+86 138****8000');
    expect(maskPhone('+85291234567')).toBe('+852****4567');
  });
});
