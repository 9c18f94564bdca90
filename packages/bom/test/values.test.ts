import { describe, expect, it } from 'vitest';
import { materialCodeKey, parseLevel, quantityValue } from '../src/values';

describe('materialCodeKey', () => {
  it('compares numeric cells by their integer text', () => {
    expect(materialCodeKey(80218559)).toBe('80218559');
    expect(materialCodeKey(80218559.0)).toBe('80218559');
    expect(materialCodeKey(' 80218559 ')).toBe('80218559');
  });
  it('keeps leading zeros of text codes', () => {
    expect(materialCodeKey('00123')).toBe('00123');
    expect(materialCodeKey(123)).toBe('123');
    expect(materialCodeKey('00123')).not.toBe(materialCodeKey(123));
  });
  it('returns null for empty codes and writes big integers without exponent', () => {
    expect(materialCodeKey(null)).toBeNull();
    expect(materialCodeKey('   ')).toBeNull();
    expect(materialCodeKey(1e21)).toBe('1000000000000000000000');
  });
});

describe('parseLevel', () => {
  it('reads 3, 3.0 and "3" as level 3', () => {
    expect(parseLevel(3)).toBe(3);
    expect(parseLevel(3.0)).toBe(3);
    expect(parseLevel('3')).toBe(3);
    expect(parseLevel(' 3.0 ')).toBe(3);
  });
  it('returns null for blank and NaN for non-integers', () => {
    expect(parseLevel(null)).toBeNull();
    expect(parseLevel('')).toBeNull();
    expect(parseLevel(2.5)).toBeNaN();
    expect(parseLevel('abc')).toBeNaN();
    expect(parseLevel(true)).toBeNaN();
  });
});

describe('quantityValue', () => {
  it('gives numbers for numbers and numeric text, raw text otherwise', () => {
    expect(quantityValue(4)).toBe(4);
    expect(quantityValue(' 4 ')).toBe(4);
    expect(quantityValue('four')).toBe('four');
    expect(quantityValue(null)).toBeNull();
  });
});
