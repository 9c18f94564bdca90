import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';
import { watchPageProblems } from './page-problems';

/** Debian's Chromium; never a downloaded browser. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export const SCREENSHOTS = join(import.meta.dirname, '..', 'test-results', 'screenshots');
const FAILURES = join(import.meta.dirname, '..', 'test-results', 'failures');

/** Browser profiles not closed yet: a failed test leaves its own open, and e2e/setup.ts pictures their pages. */
const openContexts = new Set<BrowserContext>();

/** Saves a picture of every page still open as test-results/failures/<test>-<n>.png; returns what it saved. */
export async function screenshotOpenPages(testName: string): Promise<string[]> {
  mkdirSync(FAILURES, { recursive: true });
  const base = testName.replaceAll(/[^\w\u4e00-\u9fff-]+/g, '-').slice(0, 100);
  const pages = [...openContexts].flatMap((context) => context.pages());
  const saved: string[] = [];
  for (const [index, page] of pages.entries()) {
    const path = join(FAILURES, `${base}-${index + 1}.png`);
    // a page that is gone or hangs must not hide the test's own failure
    const taken = await page.screenshot({ path, fullPage: true, timeout: 10_000 }).then(
      () => true,
      () => false,
    );
    if (taken) saved.push(`${path} (${page.url()})`);
  }
  return saved;
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
}

export const DESKTOP = { width: 1280, height: 800 };

let devices = 0;
/** An address for the next browser profile, from the range reserved for tests (198.18.0.0/15). */
function deviceAddress(): string {
  devices++;
  return `198.18.${Math.floor(devices / 256)}.${devices % 256}`;
}
export const PHONE = { width: 390, height: 844 };

/**
 * A fresh browser profile (its own cookie jar = its own device). English UI unless `locale` says otherwise, so the
 * tests read in one language; one test checks the Chinese default.
 */
export async function newDevice(
  browser: Browser,
  options: { viewport?: { width: number; height: number }; locale?: 'en' | 'zh-CN' | null } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: inject('baseUrl'),
    viewport: options.viewport ?? DESKTOP,
    extraHTTPHeaders: { 'x-forwarded-for': deviceAddress() },
  });
  const locale = options.locale === undefined ? 'en' : options.locale;
  if (locale) {
    await context.addInitScript((value) => {
      // about:blank has no storage (reading it throws); the app's own pages do.
      if (window.location.origin !== 'null') window.localStorage.setItem('arya.locale', value);
    }, locale);
  }
  // Generous: a loaded two-core machine runs the server, bcrypt and Chromium together.
  context.setDefaultTimeout(30_000);
  watchPageProblems(context);
  openContexts.add(context);
  context.on('close', () => openContexts.delete(context));
  const page = await context.newPage();
  return { context, page };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

/** The latest code the SMS emulator delivered to this phone (the test reads it as a person reads their phone). */
export async function latestSmsCode(phone: string): Promise<string> {
  const response = await fetch(`${inject('smsEmulatorUrl')}/__emulator/messages?phone=${encodeURIComponent(phone)}`);
  const body = (await response.json()) as { latestCode: string | null };
  if (!body.latestCode) throw new Error(`no SMS code delivered to ${phone}`);
  return body.latestCode;
}

let counter = 0;
/** Names unique to this run, so reruns against a shared Postgres never collide. */
export function uniqueAccount(prefix: string): string {
  counter++;
  return `${prefix}-${Date.now().toString(36)}-${counter}`;
}

/**
 * Drops the server's record of codes sent to this phone, so the next code is not refused by the one-per-minute rule.
 * The e2e Redis database belongs to this suite alone.
 */
export async function forgetSmsSendsTo(phone: string): Promise<void> {
  const redis = new Redis(inject('redisUrl'));
  try {
    // No record means nothing can refuse the next code (another process on a shared Redis may have flushed it).
    const keys = await redis.keys(`sms:sends:phone:*${phone.slice(-11)}`);
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}

/** A random mainland mobile number (139xxxxxxxx). */
export function uniquePhone(): string {
  return `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
}
