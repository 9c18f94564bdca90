const isDigit = (c: number) => c >= 48 && c <= 57;

/**
 * Orders designators as people read them: digit runs by their number, so R2 comes before R10 (and C9 before
 * C10A). Equal numbers with different zero padding (R01, R1) fall back to plain text order, so the order is total.
 */
export function naturalCompare(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(j);
    if (isDigit(ca) && isDigit(cb)) {
      let endA = i;
      while (endA < a.length && isDigit(a.charCodeAt(endA))) endA++;
      let endB = j;
      while (endB < b.length && isDigit(b.charCodeAt(endB))) endB++;
      // compare the runs as numbers without parsing them: skip leading zeros, then length, then digits
      let startA = i;
      while (startA < endA - 1 && a.charCodeAt(startA) === 48) startA++;
      let startB = j;
      while (startB < endB - 1 && b.charCodeAt(startB) === 48) startB++;
      const lengths = endA - startA - (endB - startB);
      if (lengths !== 0) return lengths;
      for (let k = 0; k < endA - startA; k++) {
        const d = a.charCodeAt(startA + k) - b.charCodeAt(startB + k);
        if (d !== 0) return d;
      }
      i = endA;
      j = endB;
      continue;
    }
    if (ca !== cb) return ca - cb;
    i++;
    j++;
  }
  const rest = a.length - i - (b.length - j);
  if (rest !== 0) return rest;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A copy of `items` without duplicates, in natural order. */
export function naturalSortedSet(items: Iterable<string>): string[] {
  return [...new Set(items)].toSorted(naturalCompare);
}
