import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { panelAliases } from './vite.panel.config';

/** Where `pnpm dev` finds the API server; the dev server proxies `/trpc`, `/files` and the panel's data to it. */
const apiOrigin = process.env.ARYA_API_ORIGIN ?? `http://127.0.0.1:${process.env.PORT ?? '3000'}`;

/** `pnpm dev`: `/panel` is the developer panel's page (`panel.html`, built on its own by vite.panel.config.ts). */
const panelPage: Plugin = {
  name: 'arya-panel-page',
  configureServer(server) {
    server.middlewares.use((request, _response, next) => {
      if (request.url === '/panel' || request.url === '/panel/') request.url = '/panel.html';
      next();
    });
  },
};

export default defineConfig({
  plugins: [react(), panelPage],
  resolve: { alias: panelAliases },
  build: {
    // The bundle budget script reads the manifest to find what the sign-in route loads first.
    manifest: true,
    target: 'es2022',
    chunkSizeWarningLimit: 1500,
  },
  server: {
    port: Number(process.env.WEB_PORT ?? 5173),
    proxy: {
      '/trpc': { target: apiOrigin },
      '/files': { target: apiOrigin },
      '/panel/schema.json': { target: apiOrigin },
      '/openapi.json': { target: apiOrigin },
      '/reference': { target: apiOrigin },
    },
  },
});
