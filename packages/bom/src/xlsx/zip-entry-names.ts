/**
 * Entry names a workbook must never carry: whoever unzips the upload, or the result built from it, would write outside
 * their folder (absolute names, `..` segments, drive letters, backslashes that Windows tools read as separators) or
 * get one of two same-named entries silently. Called by `readZip` (so upload, engine and CLI all refuse them); kept
 * apart from the zip reader so the reader can change without losing the rule.
 */
import { BomInputError } from '../errors';

function problemOf(name: string): string | null {
  if (name.length === 0) return 'empty name';
  if (name.includes('\\')) return 'backslash';
  if (name.startsWith('/')) return 'absolute path';
  if (/^[A-Za-z]:/.test(name)) return 'drive letter';
  if (name.includes('\u0000')) return 'NUL character';
  if (name.split('/').some((segment) => segment === '..')) return '".." segment';
  return null;
}

/**
 * Throws `unsafe_zip_entry` naming the first bad entry. Duplicates compare case-insensitively, as Windows and macOS do.
 */
export function assertSafeZipEntryNames(names: Iterable<string>): void {
  const seen = new Set<string>();
  for (const name of names) {
    const problem = problemOf(name);
    if (problem) throw new BomInputError('unsafe_zip_entry', { name, problem });
    const folded = name.toLowerCase();
    if (seen.has(folded)) throw new BomInputError('unsafe_zip_entry', { name, problem: 'duplicate name' });
    seen.add(folded);
  }
}
