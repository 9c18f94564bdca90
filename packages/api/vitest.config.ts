import { installNode20Polyfills } from '@arya/testing/node20-polyfills';
import { defineConfig } from 'vitest/config';

installNode20Polyfills();

export default defineConfig({
  test: {
    // Integration tests share the machine's Postgres and Redis; bcrypt work runs in worker threads.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
