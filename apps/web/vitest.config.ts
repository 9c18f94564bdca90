import { installNode20Polyfills } from '@arya/testing/node20-polyfills';
import { defineConfig } from 'vitest/config';

installNode20Polyfills();

/** Unit tests for pure UI logic; the browser tests have their own config (vitest.e2e.config.ts). */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
  },
});
