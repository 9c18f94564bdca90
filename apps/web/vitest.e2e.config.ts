import { defineConfig } from 'vitest/config';

/**
 * Browser end-to-end tests: Debian's Chromium (playwright-core, no browser download) against the built UI served by
 * the built server, with real Postgres/Redis and the SMS emulator as the Aliyun endpoint (e2e/global-setup.ts).
 */
export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.ts'],
    globalSetup: ['e2e/global-setup.ts'],
    // Fails any test whose pages threw or logged a console error (e2e/page-problems.ts).
    setupFiles: ['e2e/setup.ts'],
    // One server and one browser at a time: the machine has two cores shared with other work.
    fileParallelism: false,
    // Generous per test: a loaded two-core machine runs bcrypt, the server and Chromium together.
    testTimeout: 120_000,
    // No retries: a browser test that fails once is a defect to find (the flakes that once excused a retry had causes:
    // keys lost while an antd list opened, a kept-alive SMS connection the emulator had closed).
    retry: 0,
    hookTimeout: 90_000,
  },
});
