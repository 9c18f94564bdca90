import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';

/** The engine as one ESM file, from this tree's source or from a commit's, for benchmarks and comparisons. */
export const packageDir = resolve(import.meta.dirname, '..');
export const repoRoot = resolve(packageDir, '../..');

export async function bundleEngine(sourceDir: string, outfile: string): Promise<string> {
  await build({
    entryPoints: [join(sourceDir, 'index.ts')],
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'esm',
    outfile,
    nodePaths: [join(packageDir, 'node_modules')],
    logLevel: 'warning',
  });
  return outfile;
}

/** Extracts `packages/bom/src` (and any other `paths`) at a git ref into `dir`; returns the source folder. */
export function sourceAt(ref: string, dir: string, paths = ['packages/bom/src']): string {
  mkdirSync(dir, { recursive: true });
  const archive = execFileSync('git', ['-C', repoRoot, 'archive', ref, ...paths], { maxBuffer: 1 << 28 });
  execFileSync('tar', ['-x', '-C', dir], { input: archive });
  return join(dir, 'packages/bom/src');
}
