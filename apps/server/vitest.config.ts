import { installNode20Polyfills } from '@arya/testing/node20-polyfills';
import { defineConfig } from 'vitest/config';

installNode20Polyfills();

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
