import { defineConfig } from 'vitest/config';

/** Unit tests for pure UI logic; the browser tests have their own config (vitest.e2e.config.ts). */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
  },
});
