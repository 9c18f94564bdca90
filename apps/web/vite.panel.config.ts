import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type AliasOptions } from 'vite';

/** Also used by the dev server (vite.config.ts), which serves `panel.html` during `pnpm dev`. */
export const panelAliases: AliasOptions = {
  '@rjsf/validator-ajv8': fileURLToPath(new URL('./src/panel/rjsf-test-validator.ts', import.meta.url)),
};

/**
 * The developer panel (`panel.html`, `src/panel/`) as a build of its own, served by the server at `/panel`: it shares
 * no chunk with the web UI, so the sign-in bundle budget (scripts/check-bundle-budget.mjs) never sees it.
 */
export default defineConfig({
  plugins: [react()],
  base: '/panel/',
  resolve: { alias: panelAliases },
  build: {
    outDir: 'dist-panel',
    emptyOutDir: true,
    target: 'es2022',
    // A developer tool opened on a LAN: one antd + rjsf chunk is fine.
    chunkSizeWarningLimit: 3000,
    rolldownOptions: { input: 'panel.html' },
  },
});
