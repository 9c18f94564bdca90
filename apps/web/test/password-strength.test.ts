import { describe, expect, it } from 'vitest';
import { passwordStrength } from '../src/lib/password-strength';

describe('password strength hint', () => {
  it('grades strength by length and variety', () => {
    expect(passwordStrength('abcdefgh')).toBe('weak');
    expect(passwordStrength('abcdefg1')).toBe('fair');
    expect(passwordStrength('Abcdefgh1234!')).toBe('strong');
  });
});
