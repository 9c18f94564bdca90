import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Integration tests share the machine's Postgres and Redis; bcrypt work runs in worker threads.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
