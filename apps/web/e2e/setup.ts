import { afterEach, beforeEach } from 'vitest';
import { takePageProblems } from './page-problems';

// Runs for every e2e file (vitest.e2e.config.ts `setupFiles`): a test passes only if no page it opened threw an
// uncaught error or logged a console error.
beforeEach(() => {
  takePageProblems();
});

afterEach(() => {
  const problems = takePageProblems();
  if (problems.length > 0)
    throw new Error(
      `the browser reported ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
});
