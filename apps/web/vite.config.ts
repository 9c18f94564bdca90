import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/** Where `pnpm dev` finds the API server; the dev server proxies `/trpc` and `/files` to it. */
const apiOrigin = process.env.ARYA_API_ORIGIN ?? `http://127.0.0.1:${process.env.PORT ?? '3000'}`;

export default defineConfig({
  plugins: [react()],
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
    },
  },
});
