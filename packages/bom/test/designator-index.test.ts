import { describe, expect, it } from 'vitest';
import { DesignatorIndex } from '../src/designator-index';

/** The index against a Map of the same designators: the first list of each, and `has`. */
function indexOf(lists: string[][]) {
  const added: string[][] = [];
  const index = new DesignatorIndex(added);
  const firsts: number[][] = lists.map((list) => {
    added.push(list);
    return list.map((_, item) => index.add(added.length - 1, item));
  });
  return { index, firsts };
}

describe('DesignatorIndex', () => {
  it('answers -1 for a new designator and the first list for one met again, in the same list too', () => {
    const { index, firsts } = indexOf([
      ['R1', 'R2'],
      ['C1', 'R1'],
      ['R2', 'R2', 'C1'],
    ]);
    expect(firsts).toEqual([
      [-1, -1],
      [-1, 0],
      [0, 0, 1],
    ]);
    expect(index.size).toBe(3);
  });

  it('matches a Map over 60,000 designators while its table grows (colliding slots, non-ASCII, empty text)', () => {
    const lists: string[][] = [];
    for (let row = 0; row < 20_000; row++)
      lists.push([`R${row}`, `C${row % 7000}`, `位${row % 3}`, row % 5000 === 0 ? '' : 'U1']);
    const { index, firsts } = indexOf(lists);
    const first = new Map<string, number>();
    lists.forEach((list, l) =>
      list.forEach((d, item) => {
        expect(firsts[l]![item]).toBe(first.get(d) ?? -1);
        if (!first.has(d)) first.set(d, l);
      }),
    );
    expect(index.size).toBe(first.size);
    for (const d of first.keys()) expect(index.has(d)).toBe(true);
    for (const d of ['R20000', 'C7000', '位3', 'u1', 'R1 ', 'X']) expect(index.has(d)).toBe(false);
  });
});
