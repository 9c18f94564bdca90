import type { Locale } from '../i18n/locale';

export function formatDateTime(iso: string | null, locale: Locale): string {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** A run's duration as people read it: "850 ms", "12.3 s", "4 min 05 s". */
export function formatDuration(ms: number | null): string {
  if (ms === null) return '—';
  if (Math.round(ms) < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

// Order matters: Edge's UA also says Chrome, Chrome's also says Safari.
const BROWSERS: [name: string, pattern: RegExp][] = [
  ['Edge', /Edg\/(\d+)/],
  ['Firefox', /Firefox\/(\d+)/],
  ['Chrome', /(?:Chrome|Chromium)\/(\d+)/],
  ['Safari', /Version\/(\d+).*Safari/],
];
const SYSTEMS: [name: string, pattern: RegExp][] = [
  ['Windows', /Windows/],
  ['Android', /Android/],
  ['iOS', /iPhone|iPad/],
  ['macOS', /Mac OS X/],
  ['Linux', /Linux/],
];

/** A short device name from a User-Agent string ("Chrome 140 · Linux"), or null when there is none. */
export function describeUserAgent(userAgent: string | null): string | null {
  if (!userAgent) return null;
  let browser: string | null = null;
  for (const [name, pattern] of BROWSERS) {
    const version = pattern.exec(userAgent)?.[1];
    if (version !== undefined) {
      browser = `${name} ${version}`;
      break;
    }
  }
  const system = SYSTEMS.find(([, pattern]) => pattern.test(userAgent))?.[0] ?? null;
  const parts = [browser, system].filter((part): part is string => part !== null);
  return parts.length > 0 ? parts.join(' · ') : userAgent.slice(0, 60);
}
