/**
 * Bundles the CLI (`src/cli.ts` with the engine) into one file, `dist/cli.mjs`, that `node` runs
 * directly: no TypeScript loader and no module resolution at start-up. Run by `pnpm build`, and by `bin/bom.mjs`
 * when the bundle is missing or older than the source.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

const packageDir = join(import.meta.dirname, '..');
const CLI_SOURCE_DIR = join(packageDir, 'src');
const CLI_BUNDLE = join(packageDir, 'dist', 'cli.mjs');

export async function buildCli() {
  // esbuild is a dev dependency: loaded only when a build is needed
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [join(CLI_SOURCE_DIR, 'cli.ts')],
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'esm',
    minifySyntax: true,
    legalComments: 'none',
    // fflate is the engine's fallback where Node's zlib is missing, which never happens here
    alias: { fflate: join(import.meta.dirname, 'zlib-only.mjs') },
    write: false,
    logLevel: 'warning',
  });
  const [output] = result.outputFiles;
  mkdirSync(dirname(CLI_BUNDLE), { recursive: true });
  // write then rename, so a process starting meanwhile never loads half a file
  const partial = `${CLI_BUNDLE}.${process.pid}.tmp`;
  writeFileSync(partial, output.contents);
  renameSync(partial, CLI_BUNDLE);
  return CLI_BUNDLE;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(`built ${await buildCli()}`);
}
