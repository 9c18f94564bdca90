/**
 * Bundles the CLI (`src/cli.ts` with the engine) into one file, `dist/cli.mjs`, that `node` runs
 * directly: no TypeScript loader and no module resolution at start-up; and its help (`src/cli/help.ts`) into
 * `dist/help.cjs`, a few kilobytes that answer `bom --help` without loading the engine. Run by `pnpm build`, and by
 * `bin/bom.cjs` when a bundle is missing or older than its source.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const packageDir = join(import.meta.dirname, '..');
const CLI_SOURCE_DIR = join(packageDir, 'src');
const BUNDLES = [
  { file: join(packageDir, 'dist', 'cli.mjs'), entry: join(CLI_SOURCE_DIR, 'cli.ts'), format: 'esm' },
  // CommonJS: the bin requires it without starting the ES module loader
  { file: join(packageDir, 'dist', 'help.cjs'), entry: join(CLI_SOURCE_DIR, 'cli', 'help.ts'), format: 'cjs' },
];

export async function buildCli() {
  // esbuild is a dev dependency: loaded only when a build is needed
  const { build } = await import('esbuild');
  const built = [];
  for (const { file: bundle, entry, format } of BUNDLES) {
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      platform: 'node',
      target: 'node24',
      format,
      minifySyntax: true,
      legalComments: 'none',
      // fflate is the engine's fallback where Node's zlib is missing, which never happens here
      alias: { fflate: join(import.meta.dirname, 'zlib-only.mjs') },
      write: false,
      logLevel: 'warning',
    });
    const [output] = result.outputFiles;
    mkdirSync(dirname(bundle), { recursive: true });
    // write then rename, so a process starting meanwhile never loads half a file
    const partial = `${bundle}.${process.pid}.tmp`;
    writeFileSync(partial, output.contents);
    renameSync(partial, bundle);
    built.push(bundle);
  }
  return built;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(`built ${(await buildCli()).join(', ')}`);
}
