#!/usr/bin/env node
/**
 * The `bom` command. Help is answered from `dist/help.cjs` alone: CommonJS, so `bom --help` starts neither the ES
 * module loader nor the engine and costs little more than starting Node. Everything else runs the bundled CLI
 * (`dist/cli.mjs`). A bundle is built first when it is missing or older than its source (a fresh checkout, or after
 * editing `src/`); V8's compile cache keeps later starts short.
 */
const { existsSync, readdirSync, statSync } = require('node:fs');
const { enableCompileCache } = require('node:module');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');

const packageDir = join(__dirname, '..');
const sourceDir = join(packageDir, 'src');
const helpBundle = join(packageDir, 'dist', 'help.cjs');
const cliBundle = join(packageDir, 'dist', 'cli.mjs');
const mtime = (path) => statSync(path, { throwIfNoEntry: false })?.mtimeMs;

/** `sources()`: the files the bundle is built from. */
function isCurrent(bundle, sources) {
  const built = mtime(bundle);
  if (built === undefined) return false;
  // an installed copy without its source runs the bundle as it is
  if (!existsSync(sourceDir)) return true;
  return sources().every((path) => (mtime(path) ?? 0) <= built);
}

async function buildIfStale(bundle, sources) {
  if (isCurrent(bundle, sources)) return;
  const { buildCli } = await import(pathToFileURL(join(packageDir, 'scripts', 'build-cli.mjs')).href);
  await buildCli();
}

async function run(argv) {
  // help.ts imports nothing: its bundle is current when it is newer than help.ts
  await buildIfStale(helpBundle, () => [join(sourceDir, 'cli', 'help.ts')]);
  const help = require(helpBundle).helpText(argv);
  if (help !== undefined) {
    console.log(help);
    return;
  }
  enableCompileCache?.();
  await buildIfStale(cliBundle, () => readdirSync(sourceDir, { recursive: true }).map((name) => join(sourceDir, name)));
  await import(pathToFileURL(cliBundle).href);
}

run(process.argv.slice(2)).catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
