/** 'A' → 0, 'Z' → 25, 'AA' → 26: the engine names columns by letter, preview rows index them from 0. */
export function columnIndex(letter: string): number {
  let index = 0;
  for (const char of letter.toUpperCase()) index = index * 26 + (char.charCodeAt(0) - 64);
  return index - 1;
}
