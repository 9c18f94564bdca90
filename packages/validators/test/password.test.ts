import { describe, expect, it } from 'vitest';
import { passwordLengthProblem, utf8Length } from '../src/password';

describe('password length rule', () => {
  it('counts UTF-8 bytes, as bcrypt does', () => {
    expect(utf8Length('abc')).toBe(3);
    expect(utf8Length('密码')).toBe(6);
  });

  it('refuses fewer than 8 bytes and more than 72', () => {
    expect(passwordLengthProblem('short7!')).toEqual({ kind: 'tooShort', min: 8, bytes: 7 });
    expect(passwordLengthProblem('exactly8')).toBeNull();
    expect(passwordLengthProblem('x'.repeat(72))).toBeNull();
    expect(passwordLengthProblem('x'.repeat(73))).toEqual({ kind: 'tooLong', max: 72, bytes: 73 });
    // 25 Chinese characters are 75 bytes: too long though only 25 characters
    expect(passwordLengthProblem('密'.repeat(25))).toEqual({ kind: 'tooLong', max: 72, bytes: 75 });
  });
});
