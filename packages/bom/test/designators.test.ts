import { describe, expect, it } from 'vitest';
import { joinDesignators, parseDesignators, splitTokens, uniqueInOrder } from '../src/designators';
import { expandRange, MAX_RANGE_ITEMS } from '../src/ranges';

describe('splitTokens', () => {
  it('splits on , ， ; ； 、 and Unicode whitespace, trims, drops empties and upper-cases', () => {
    expect(splitTokens('r1,R2，r3;R4；R5、R6 R7\tR8\u3000R9\u00a0R10\n r11 ,, ')).toEqual([
      'R1',
      'R2',
      'R3',
      'R4',
      'R5',
      'R6',
      'R7',
      'R8',
      'R9',
      'R10',
      'R11',
    ]);
  });
  it('returns nothing for blank text', () => {
    expect(splitTokens('  ,；、 \u3000')).toEqual([]);
  });
});

describe('expandRange', () => {
  it('expands PREFIX a - PREFIX b and PREFIX a ~ PREFIX b', () => {
    expect(expandRange('R1-R4')).toEqual({ kind: 'range', items: ['R1', 'R2', 'R3', 'R4'] });
    expect(expandRange('C10~C12')).toEqual({ kind: 'range', items: ['C10', 'C11', 'C12'] });
    expect(expandRange('TP5-TP5')).toEqual({ kind: 'range', items: ['TP5'] });
  });
  it('treats tokens that are not letters-then-digits on both sides as single designators', () => {
    expect(expandRange('R1-4')).toEqual({ kind: 'single' });
    expect(expandRange('R1')).toEqual({ kind: 'single' });
    expect(expandRange('-')).toEqual({ kind: 'single' });
  });
  it('marks differing prefixes, descending ranges and ranges over 1000 items as malformed', () => {
    expect(expandRange('R1-C4')).toEqual({ kind: 'malformed', reason: 'prefix_mismatch' });
    expect(expandRange('R4-R1')).toEqual({ kind: 'malformed', reason: 'descending' });
    expect(expandRange('R1-R1001')).toEqual({ kind: 'malformed', reason: 'too_many_items' });
  });
  it('accepts exactly 1000 items (R1-R1000)', () => {
    const r = expandRange('R1-R1000');
    expect(r.kind === 'range' && r.items.length).toBe(MAX_RANGE_ITEMS);
    expect(r.kind === 'range' && r.items.at(-1)).toBe('R1000');
  });
  it('keeps the zero padding of the start', () => {
    expect(expandRange('R08-R10')).toEqual({ kind: 'range', items: ['R08', 'R09', 'R10'] });
  });
});

describe('parseDesignators', () => {
  it('expands ranges in place, keeps order and duplicates, upper-cases', () => {
    expect(parseDesignators('c1, r1~r3,C1')).toEqual({ items: ['C1', 'R1', 'R2', 'R3', 'C1'], malformed: [] });
  });
  it('reports malformed ranges separately and leaves them out of the items', () => {
    expect(parseDesignators('R1,R5-R2,C1-D3')).toEqual({
      items: ['R1'],
      malformed: [
        { token: 'R5-R2', reason: 'descending' },
        { token: 'C1-D3', reason: 'prefix_mismatch' },
      ],
    });
  });
  it('dedupes in first-occurrence order and joins with "," and no spaces', () => {
    expect(uniqueInOrder(['R2', 'R1', 'R2'])).toEqual(['R2', 'R1']);
    expect(joinDesignators(['R1', 'R2'])).toBe('R1,R2');
    expect(joinDesignators([])).toBe('');
  });
});

describe('parseDesignators fast path', () => {
  it('gives the same result for plain comma lists as the general path', () => {
    expect(parseDesignators('R432,R56,C1')).toEqual({ items: ['R432', 'R56', 'C1'], malformed: [] });
    expect(parseDesignators('R1')).toEqual({ items: ['R1'], malformed: [] });
    expect(parseDesignators('R1,r2')).toEqual({ items: ['R1', 'R2'], malformed: [] });
    expect(parseDesignators('R1,,R2')).toEqual({ items: ['R1', 'R2'], malformed: [] });
  });
});

describe('the character-test tokenizer (issue 16) agrees with the regular expressions it replaced', () => {
  const SEPARATORS = /[,，;；、\s]+/;
  const RANGE = /^([A-Z]+)(\d+)[-~]([A-Z]+)(\d+)$/;
  const referenceTokens = (text: string) =>
    text
      .split(SEPARATORS)
      .filter((part) => part !== '')
      .map((part) => part.toUpperCase());
  const referenceRange = (token: string) => {
    const m = RANGE.exec(token);
    return m ? [m[1], m[2], m[3], m[4]] : null;
  };
  // every separator, the whitespace JS's \s knows, letters of both cases, digits, dashes, tildes, CJK, ß (→ SS)
  const alphabet = [
    ...',，;；、 \t\n\v\f\r\u00a0\u1680\u2000\u2005\u200a\u2028\u2029\u202f\u205f\u3000\ufeff',
    ...'RCrcTPtp0189-~_.位ßé',
  ];
  let seed = 16;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * alphabet.length;

  it('splits and upper-cases 20,000 random cells exactly as split(/[,，;；、\\s]+/) did', () => {
    for (let n = 0; n < 20_000; n++) {
      const text = Array.from({ length: n % 17 }, () => alphabet[Math.floor(random())]).join('');
      expect({ text, tokens: splitTokens(text) }).toEqual({ text, tokens: referenceTokens(text) });
    }
  });

  it('recognises exactly the ranges the regular expression did', () => {
    const parts = ['', 'R', 'TP', 'r', '1', '08', '-', '~', 'R1', 'C2', '1-', '-R', 'ß'];
    for (const a of parts)
      for (const b of parts)
        for (const c of parts)
          for (const d of parts) {
            const token = a + b + c + d;
            const expected = referenceRange(token);
            const actual = expandRange(token);
            expect({ token, single: actual.kind === 'single' }).toEqual({ token, single: expected === null });
          }
    expect(expandRange('R1-R3\n')).toEqual({ kind: 'single' });
  });
});
