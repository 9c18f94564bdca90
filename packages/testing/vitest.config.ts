import { defineConfig } from 'vitest/config';
import { installNode20Polyfills } from './src/node20-polyfills.mjs';

installNode20Polyfills();

export default defineConfig({
  test: { testTimeout: 30_000, hookTimeout: 60_000 },
});
