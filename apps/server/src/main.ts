import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { loadDotEnv } from './dotenv';
import { startServer } from './start';

loadDotEnv();

const started = await startServer().catch((error: unknown) => {
  // Refusals at start (e.g. SMS settings checked when the provider is built) name what to fix; no stack needed.
  console.error(`Arya server did not start: ${error instanceof Error ? error.message : String(error)}`);
  if (process.env.NODE_ENV !== 'production' && error instanceof Error) console.error(error.stack);
  process.exit(1);
});
const { config, url } = started;

// In development the Vite dev server (hot reload; proxying /trpc and the panel's catalogue here) is the UI to open.
const viteDevServer = config.NODE_ENV === 'development' ? `http://localhost:${process.env.WEB_PORT ?? '5173'}` : null;
const webUi = viteDevServer
  ? `${viteDevServer}/ (Vite dev server)`
  : existsSync(join(config.WEB_DIST_DIR, 'index.html'))
    ? `${url}/`
    : '(not built: run pnpm build)';
const panel = !config.PANEL_ENABLED
  ? '(off: PANEL_ENABLED=true turns it on)'
  : viteDevServer
    ? `${viteDevServer}/panel (Vite dev server)   reference: ${url}/reference`
    : `${url}/panel   reference: ${url}/reference`;

console.log(
  [
    '',
    `  Arya server (${config.NODE_ENV}) ready`,
    `  Web UI   ${webUi}`,
    `  tRPC     ${url}/trpc`,
    `  Panel    ${panel}`,
    `  Health   ${url}/healthz   ready: ${url}/readyz`,
    '',
  ].join('\n'),
);
