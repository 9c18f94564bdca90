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
    // One retry, as Playwright's own runner does on CI: a browser test that fails twice is a failure; one that fails
    // once on a loaded 2-core machine (an antd list still opening, the SMS emulator slow to answer) is noise, and the
    // first failure still prints.
    retry: 1,
    hookTimeout: 90_000,
  },
});
