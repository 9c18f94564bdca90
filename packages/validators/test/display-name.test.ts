import { describe, expect, it } from 'vitest';
import { cleanStoredDisplayName, displayNameProblem, normaliseDisplayName } from '../src/display-name';

const check = (name: string) => displayNameProblem(normaliseDisplayName(name));

describe('display names', () => {
  it.each(['张伟', 'Zoë Smith', '李 雷', 'Ana 🌟', 'José', 'O\u2019Brien', '山田 たろう', '김철수'])(
    'allows %s',
    (name) => expect(check(name)).toBeNull(),
  );

  it.each([
    ['RLO (right-to-left override)', 'abc\u202Egpj.exe', 'U+202E'],
    ['LRO', 'abc\u202Dx', 'U+202D'],
    ['LRI isolate', 'a\u2066b', 'U+2066'],
    ['RLI isolate', 'a\u2067b', 'U+2067'],
    ['FSI isolate', 'a\u2068b', 'U+2068'],
    ['PDI', 'a\u2069b', 'U+2069'],
    ['zero-width space', 'ad\u200Bmin', 'U+200B'],
    ['zero-width non-joiner', 'ad\u200Cmin', 'U+200C'],
    ['zero-width joiner', 'ad\u200Dmin', 'U+200D'],
    ['word joiner', 'ad\u2060min', 'U+2060'],
    ['BOM, even leading', '\uFEFFadmin', 'U+FEFF'],
    ['soft hyphen', 'ad\u00ADmin', 'U+00AD'],
    ['NUL', 'a\u0000b', 'U+0000'],
    ['newline', 'a\nb', 'U+000A'],
    ['tab, even trailing', 'ab\t', 'U+0009'],
    ['line separator U+2028', 'a\u2028b', 'U+2028'],
    ['paragraph separator U+2029', 'a\u2029b', 'U+2029'],
    ['private use', 'a\uE000b', 'U+E000'],
    ['private use (plane 15)', 'a\u{F0000}b', 'U+F0000'],
    ['unassigned', 'a\u0378b', 'U+0378'],
    ['a lone surrogate', 'a\uD800b', 'U+D800'],
  ])('refuses a %s', (_what, name, codePoint) =>
    expect(check(name)).toEqual({ kind: 'invisibleCharacter', codePoint }),
  );

  it('NFC-normalises, collapses runs of any spaces to one and trims them', () => {
    expect(normaliseDisplayName('  Zoe\u0308   \u3000Smith\u00A0 ')).toBe('Zoë Smith');
    expect(normaliseDisplayName('李\u3000\u3000雷')).toBe('李 雷');
  });

  it('refuses an empty (all-space) name and one over 64 characters', () => {
    expect(check(' \u3000 ')).toEqual({ kind: 'empty' });
    expect(check('a'.repeat(64))).toBeNull();
    expect(check('a'.repeat(65))).toEqual({ kind: 'tooLong', max: 64 });
  });
});

describe('names stored before the rules', () => {
  it.each([
    ['a bidi override', 'abc\u202Egpj.exe', 'abcgpj.exe'],
    ['zero-width characters', 'ad\u200Bmi\u200Dn', 'admin'],
    ['controls and odd spaces', ' 张\t伟\u3000 ', '张伟'],
    ['nothing but invisible characters', '\u200B\u202E', null],
    ['a name already fine', 'Zoë Smith', 'Zoë Smith'],
  ])('cleans %s', (_, stored, cleaned) => {
    expect(cleanStoredDisplayName(stored)).toBe(cleaned);
  });

  it('cuts a too-long name to the maximum without splitting a character', () => {
    const cleaned = cleanStoredDisplayName(`${'a'.repeat(63)}🌟🌟`);
    expect(cleaned).toBe('a'.repeat(63));
    expect(check(`${'张'.repeat(70)}`)).toEqual({ kind: 'tooLong', max: 64 });
    expect(check(cleanStoredDisplayName('张'.repeat(70)) ?? '')).toBeNull();
  });
});
