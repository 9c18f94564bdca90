import { describe, expect, it } from 'vitest';
import { secondsUntil } from '../src/lib/countdown';
import { describeUserAgent, formatDuration } from '../src/lib/format';

describe('secondsUntil', () => {
  it('rounds up so the last second still shows, and never goes below zero', () => {
    expect(secondsUntil(60_000, 0)).toBe(60);
    expect(secondsUntil(60_000, 59_001)).toBe(1);
    expect(secondsUntil(60_000, 60_000)).toBe(0);
    expect(secondsUntil(60_000, 90_000)).toBe(0);
  });
});

describe('describeUserAgent', () => {
  it('names the browser and system, Edge before Chrome', () => {
    expect(
      describeUserAgent(
        'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36',
      ),
    ).toBe('Chrome 140 · Linux');
    expect(
      describeUserAgent(
        'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/139.0 Safari/537.36 ' +
          'Edg/139.0',
      ),
    ).toBe('Edge 139 · Windows');
    expect(
      describeUserAgent(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Version/18.0 Mobile/15E148 ' +
          'Safari/604.1',
      ),
    ).toBe('Safari 18 · iOS');
  });

  it('returns null without a user agent and a prefix of an unknown one', () => {
    expect(describeUserAgent(null)).toBeNull();
    expect(describeUserAgent('curl/8.0')).toBe('curl/8.0');
  });
});

describe('formatDuration', () => {
  it('uses ms below a second, tenths of seconds below a minute, then minutes and seconds', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(18)).toBe('18 ms');
    expect(formatDuration(999.4)).toBe('999 ms');
    expect(formatDuration(999.6)).toBe('1.0 s');
    expect(formatDuration(1000)).toBe('1.0 s');
    expect(formatDuration(12_345)).toBe('12.3 s');
    expect(formatDuration(245_000)).toBe('4 min 05 s');
  });
});
