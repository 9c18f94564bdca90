import { afterEach, beforeEach } from 'vitest';
import { screenshotOpenPages } from './browser';
import { takePageProblems } from './page-problems';

// Runs for every e2e file (vitest.e2e.config.ts `setupFiles`): a test passes only if no page it opened threw an
// uncaught error or logged a console error; a failed test leaves pictures of the pages it had open.
beforeEach(({ task, onTestFailed }) => {
  takePageProblems();
  onTestFailed(async () => {
    const saved = await screenshotOpenPages(task.name);
    if (saved.length > 0) console.error(`pages open when "${task.name}" failed:\n${saved.join('\n')}`);
  });
});

afterEach(() => {
  const problems = takePageProblems();
  if (problems.length > 0)
    throw new Error(
      `the browser reported ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`,
    );
});
