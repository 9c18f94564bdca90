#!/usr/bin/env node
/**
 * Measures the JavaScript a browser downloads before the sign-in screen can show — the entry chunk, the sign-in route's
 * lazy chunk and every chunk they import statically — gzipped, from the `vite build` manifest. Exits 1 above budget.
 * Usage: node scripts/check-bundle-budget.mjs [--budget-kb 300]
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const budgetArg = process.argv.indexOf('--budget-kb');
const budgetKb = budgetArg > 0 ? Number(process.argv[budgetArg + 1]) : 300;
const SIGN_IN_ROUTE = 'src/pages/auth/SignInPage.tsx';

let manifest;
try {
  manifest = JSON.parse(readFileSync(join(dist, '.vite', 'manifest.json'), 'utf8'));
} catch {
  console.error(`No build manifest in ${dist}: run \`vite build\` first.`);
  process.exit(1);
}

const entryKey = Object.keys(manifest).find((key) => manifest[key].isEntry);
if (!entryKey || !manifest[SIGN_IN_ROUTE]) {
  console.error(`Manifest lacks the entry or ${SIGN_IN_ROUTE}.`);
  process.exit(1);
}

/** Every chunk loaded with `key`: itself and its static imports, recursively (dynamic imports load later). */
function staticClosure(key, seen = new Set()) {
  if (seen.has(key)) return seen;
  seen.add(key);
  for (const imported of manifest[key].imports ?? []) staticClosure(imported, seen);
  return seen;
}

const chunks = new Set([...staticClosure(entryKey), ...staticClosure(SIGN_IN_ROUTE)]);
const files = [...chunks].map((key) => manifest[key].file).filter((file) => file.endsWith('.js'));
const sizes = files.map((file) => {
  const bytes = readFileSync(join(dist, file));
  return { file, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
});
sizes.sort((a, b) => b.gzip - a.gzip);

const kb = (n) => (n / 1024).toFixed(1);
const totalGzip = sizes.reduce((sum, s) => sum + s.gzip, 0);
const totalRaw = sizes.reduce((sum, s) => sum + s.raw, 0);
for (const s of sizes)
  console.log(`  ${s.file.padEnd(48)} ${kb(s.raw).padStart(8)} KB  ${kb(s.gzip).padStart(7)} KB gzip`);
console.log(
  `sign-in route initial JS: ${files.length} files, ${kb(totalRaw)} KB raw, ${kb(totalGzip)} KB gzip ` +
    `(budget ${budgetKb} KB gzip)`,
);
if (totalGzip > budgetKb * 1024) {
  console.error(`Over budget by ${kb(totalGzip - budgetKb * 1024)} KB gzip.`);
  process.exit(1);
}
