/**
 * `pnpm lint:lines`: no line over 120 characters (code points) in the repository's code, tests, scripts and docs.
 * The formatter already wraps code at 120 but leaves what it cannot break — strings, comments, test names, Markdown —
 * so this check covers those. Data is exempt because its lines are not ours to wrap:
 * - lockfiles, JSON (no way to break a string; the formatter owns its layout), generated files, licence texts,
 *   binaries and images (SVG included);
 * - Markdown table rows (GFM has no line continuation: a row must be one line).
 * Files come from git (tracked plus untracked, not ignored), so build output and `.data/` never count.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const MAX = 120;
const CHECKED = /\.(?:[cm]?[jt]sx?|md|css|html|ya?ml|py|sh|txt)$|^\.ci\/run$|(?:^|\/)\.env\.example$/;
const DATA = /(?:^|\/)(?:pnpm-lock\.yaml|generated\/.*|[^/]*LICENSE[^/]*)$/;

const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
  encoding: 'utf8',
})
  .split('\0')
  .filter((file) => file && CHECKED.test(file) && !DATA.test(file));

const offences: string[] = [];
for (const file of new Set(files)) {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    continue; // listed by git but deleted in the working tree
  }
  const markdown = file.endsWith('.md');
  text.split('\n').forEach((line, index) => {
    const length = [...line].length;
    if (length <= MAX) return;
    if (markdown && line.trimStart().startsWith('|')) return;
    offences.push(`${file}:${index + 1}: ${length} characters`);
  });
}

if (offences.length > 0) {
  console.error(offences.join('\n'));
  console.error(`${offences.length} line(s) over ${MAX} characters: split strings with +, rewrap comments.`);
  process.exit(1);
}
