import type { BrowserContext } from 'playwright-core';

/**
 * Uncaught errors, unhandled rejections and console errors of every page the running test opened, and every 5xx
 * answer those pages received. A page that throws or logs an error is broken even when the test's own steps pass, so
 * `e2e/setup.ts` fails the test on any of them.
 */
const problems: string[] = [];

/**
 * Chromium logs every 4xx answer to the console ("Failed to load resource: … status of 401"). Those are the API's typed
 * refusals (a wrong password, the refresh of a session ended elsewhere), which the UI shows and the tests assert on;
 * 5xx answers are recorded from the network instead. A signed-out visit logs none (e2e/signed-out.e2e.ts).
 */
const TYPED_REFUSAL = /^Failed to load resource: the server responded with a status of 4\d\d\b/;

/** Records the problems of every page of this browser profile, including pages it opens later. */
export function watchPageProblems(context: BrowserContext): void {
  context.on('weberror', (webError) => {
    const error = webError.error();
    // A rejection with a value that is not an Error (antd's form validation rejects with a plain object) has no text.
    const text = error.stack || error.message || '(no message: a value that is not an Error was thrown or rejected)';
    problems.push(`uncaught error on ${webError.page()?.url() ?? 'a page'}: ${text}`);
  });
  context.on('console', (message) => {
    if (message.type() !== 'error' && message.type() !== 'assert') return;
    if (TYPED_REFUSAL.test(message.text())) return;
    const { url, lineNumber } = message.location();
    const where = url ? ` (${url}:${lineNumber})` : '';
    problems.push(`console.${message.type()} on ${message.page()?.url() ?? 'a page'}: ${message.text()}${where}`);
  });
  context.on('response', (response) => {
    if (response.status() >= 500)
      problems.push(`${response.status()} from ${response.request().method()} ${response.url()}`);
  });
}

/** The problems recorded since the last call, and forgets them. */
export function takePageProblems(): string[] {
  return problems.splice(0);
}
