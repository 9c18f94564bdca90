import { describe, expect, it } from 'vitest';
import { accountNameProblem, mixedScripts, normaliseAccount } from '../src/account-name';
import { accountSkeleton } from '../src/account-skeleton';

describe('account names (Unicode TR39)', () => {
  it('normalises by NFKC and case: ａｌｉｃｅ and ALICE are alice', () => {
    expect(normaliseAccount(' ａｌｉｃｅ ')).toBe('alice');
    expect(normaliseAccount('ALICE')).toBe('alice');
  });

  it.each([
    'alice',
    'zhang.wei',
    '张伟',
    '张伟2',
    'zhang_伟',
    '山田たろう',
    'yamada山田',
    '김철수',
    'kim김철수',
    'асе',
    'αβγ',
  ])('allows %s (one script, or Latin with Han and kana/Hangul/Bopomofo)', (name) =>
    expect(accountNameProblem(name)).toBeNull(),
  );

  it.each([
    ['\u0430lice', ['Cyrl', 'Latn']],
    ['alpha.\u03b2eta', ['Latn', 'Grek']],
    ['ab\u0661', ['Latn', 'Arab']],
    ['张伟\u0430', ['Hani', 'Cyrl']],
    ['김철수たろう', ['Hang', 'Hira']],
  ])('refuses %s: it mixes %j', (name, scripts) => {
    expect(mixedScripts(name)).toEqual(scripts);
    expect(accountNameProblem(name)).toEqual({ kind: 'mixedScripts', scripts });
  });

  it('counts a Chinese character as two for the minimum length', () => {
    expect(accountNameProblem('张')).toEqual({ kind: 'tooShort', min: 3 });
    expect(accountNameProblem('ab')).toEqual({ kind: 'tooShort', min: 3 });
    expect(accountNameProblem('a b')).toEqual({ kind: 'badCharacter' });
  });

  it.each([
    ['paypa1', 'paypal'],
    ['\u0430\u0441\u0435', 'ace'],
    ['g00gle', 'google'],
    ['rnoon', 'moon'],
    ['ａｌｉｃｅ', 'alice'],
  ])('gives %s and %s the same skeleton', (a, b) => {
    expect(accountSkeleton(normaliseAccount(a))).toBe(accountSkeleton(normaliseAccount(b)));
  });

  it('keeps different names apart', () => {
    expect(accountSkeleton('alice')).not.toBe(accountSkeleton('alicf'));
    expect(accountSkeleton('张伟')).not.toBe(accountSkeleton('张伟2'));
  });
});
