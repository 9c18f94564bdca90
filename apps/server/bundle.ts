import { cp, readFile, realpath, rm } from 'node:fs/promises';
import { join } from 'node:path';
/**
 * Bundles server entry points into a directory, with the worker-thread files (bcrypt, BOM engine) and the panel's
 * assets beside them. Workspace packages (`@arya/*`, TypeScript source) are bundled in; npm packages stay external and
 * resolve from this package's node_modules, so every npm package a bundled workspace package imports must also be a
 * dependency here (checked below). `build.ts` makes the production bundle; the benchmark bundles its server with it
 * too.
 */
import { build, type Plugin } from 'esbuild';

const here = import.meta.dirname;

interface PackageJson {
  name: string;
  dependencies?: Record<string, string>;
}
const readPackage = async (dir: string): Promise<PackageJson> =>
  JSON.parse(await readFile(join(dir, 'package.json'), 'utf8')) as PackageJson;

/** Bare specifiers other than workspace packages are left for Node to resolve at run time. */
const npmPackagesExternal: Plugin = {
  name: 'npm-packages-external',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^[^./]/ }, (args) =>
      args.path.startsWith('@arya/') ? undefined : { path: args.path, external: true },
    );
  },
};

/** Fails the build when a bundled workspace package needs an npm package this one does not declare. */
async function checkExternalDependencies(): Promise<void> {
  const server = await readPackage(here);
  // tsx is only the source-tree loader of the worker shims, which the bundle replaces.
  const declared = new Set([...Object.keys(server.dependencies ?? {}), 'tsx']);
  const missing: string[] = [];
  // pnpm links each workspace dependency into the dependent's node_modules.
  const visit = async (name: string, fromDir: string, seen: Set<string>): Promise<void> => {
    if (seen.has(name)) return;
    seen.add(name);
    const dir = await realpath(join(fromDir, 'node_modules', name));
    const pkg = await readPackage(dir);
    for (const dependency of Object.keys(pkg.dependencies ?? {})) {
      if (dependency.startsWith('@arya/')) await visit(dependency, dir, seen);
      else if (!declared.has(dependency)) missing.push(`${dependency} (needed by ${pkg.name})`);
    }
  };
  const seen = new Set<string>();
  for (const name of declared) if (name.startsWith('@arya/')) await visit(name, here, seen);
  if (missing.length > 0) {
    throw new Error(
      `add these to apps/server dependencies, the bundle loads them at run time:\n  ${missing.join('\n  ')}`,
    );
  }
}

export async function bundleServer({
  outdir,
  entryPoints,
}: {
  outdir: string;
  entryPoints: Record<string, string>;
}): Promise<void> {
  await checkExternalDependencies();
  await rm(outdir, { recursive: true, force: true });
  await build({
    entryPoints,
    outdir,
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'esm',
    outExtension: { '.js': '.js' },
    splitting: true,
    sourcemap: true,
    logLevel: 'warning',
    plugins: [npmPackagesExternal],
  });
  // Worker files are loaded by path at run time, relative to the bundle (`new URL('./…', import.meta.url)` in
  // @arya/api), so each is bundled into a self-contained file of the name the API looks for.
  const api = await realpath(join(here, 'node_modules/@arya/api'));
  await build({
    entryPoints: {
      // In source, both worker files are shims loading their TypeScript task through tsx; the bundle replaces them.
      'password-worker': join(api, 'src/security/password-task.ts'),
      'bom-worker': join(api, 'src/modules/bom/engine-task.ts'),
    },
    outdir,
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    target: 'node24',
    format: 'esm',
    sourcemap: true,
    logLevel: 'warning',
    plugins: [npmPackagesExternal],
  });
  await cp(join(here, 'src/panel/assets'), join(outdir, 'assets'), { recursive: true });
  // The output schemas of /openapi.json, read by path beside the bundle (`outputSchemasUrl` in @arya/api).
  await cp(join(api, 'src/generated'), join(outdir, 'generated'), { recursive: true });
}
