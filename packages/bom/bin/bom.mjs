#!/usr/bin/env node
/**
 * The `bom` command: runs the bundled CLI (`dist/cli.mjs`), building it first when it is missing or older than
 * the source (a fresh checkout, or after editing `src/`). V8's compile cache keeps later starts short.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import module from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

module.enableCompileCache?.();

const packageDir = join(import.meta.dirname, '..');
const bundle = join(packageDir, 'dist', 'cli.mjs');
const sourceDir = join(packageDir, 'src');

function bundleIsCurrent() {
  if (!existsSync(bundle)) return false;
  // an installed copy without its source runs the bundle as it is
  if (!existsSync(sourceDir)) return true;
  const built = statSync(bundle).mtimeMs;
  return readdirSync(sourceDir, { recursive: true }).every((name) => statSync(join(sourceDir, name)).mtimeMs <= built);
}

if (!bundleIsCurrent()) {
  const { buildCli } = await import('../scripts/build-cli.mjs');
  await buildCli();
}
await import(pathToFileURL(bundle).href);
