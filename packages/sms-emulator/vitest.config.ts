import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The timeout test holds a request for 1.5 s; nothing here needs Postgres or Redis.
    testTimeout: 15_000,
  },
});
