// Rate-limit times from response headers: only values that are really a delay or a date are used.
// Date.parse reads almost anything ("-5" becomes a day in 2001), which made a bad header look like
// a reset long past.
import { describe, expect, test } from 'vitest';
import { parseResetTime, retryAt } from '../../collector/networks/mastodon/rate-limit-headers.js';

const NOW = Date.parse('2026-03-10T12:00:00Z');

describe('retryAt', () => {
  test.each(['-5', '-1', '1.5', 'soon', '5 seconds', 'NaN', 'Infinity', '0x10', ''])('Retry-After "%s" is no time at all, not a date', (value) => {
    expect(retryAt(new Headers({ 'retry-after': value }), NOW)).toBeNull();
  });

  test('a delay in whole seconds and the three HTTP date forms are read', () => {
    expect(retryAt(new Headers({ 'retry-after': '0' }), NOW)).toBe(NOW);
    expect(retryAt(new Headers({ 'retry-after': ' 120 ' }), NOW)).toBe(NOW + 120_000);
    expect(retryAt(new Headers({ 'retry-after': 'Tue, 10 Mar 2026 12:01:00 GMT' }), NOW)).toBe(NOW + 60_000);
    expect(retryAt(new Headers({ 'retry-after': 'Tuesday, 10-Mar-26 12:01:00 GMT' }), NOW)).toBe(NOW + 60_000);
    expect(retryAt(new Headers({ 'retry-after': 'Tue Mar 10 12:01:00 2026' }), NOW)).not.toBeNull();
  });

  test('a bad X-RateLimit-Reset is ignored and Retry-After decides', () => {
    expect(retryAt(new Headers({ 'x-ratelimit-reset': '-5', 'retry-after': '30' }), NOW)).toBe(NOW + 30_000);
    expect(parseResetTime('-5')).toBeNull();
    expect(parseResetTime('tomorrow')).toBeNull();
    expect(parseResetTime('2026-03-10T12:05:00.490Z')).toBe(Date.parse('2026-03-10T12:05:00.490Z'));
  });
});
