// Reading Mastodon's Link and rate-limit headers.
import { describe, expect, test } from 'vitest';
import { linkParam, parseLinkHeader } from '../../collector/networks/mastodon/link-header.js';
import { readRateLimit, retryAt } from '../../collector/networks/mastodon/rate-limit-headers.js';

describe('mastodon headers', () => {
  test('the Link header gives the next page\'s max_id and the previous page\'s min_id', () => {
    const links = parseLinkHeader(
      '<https://mastodon.example/api/v1/timelines/tag/jobquality?limit=40&max_id=7163058>; rel="next", ' +
        '<https://mastodon.example/api/v1/timelines/tag/jobquality?limit=40&min_id=7275607>; rel="prev"',
    );
    expect(linkParam(links, 'next', 'max_id')).toBe('7163058');
    expect(linkParam(links, 'prev', 'min_id')).toBe('7275607');
    expect(linkParam(links, 'next', 'min_id')).toBeNull();
  });

  test('links with commas in their targets, unquoted or several relations, or no header at all are read', () => {
    const links = parseLinkHeader('<https://h.example/a?any[]=x,y&max_id=5>;rel=next, <https://h.example/b?min_id=9>; title="a, b"; rel="prev previous"');
    expect(linkParam(links, 'next', 'max_id')).toBe('5');
    expect(linkParam(links, 'previous', 'min_id')).toBe('9');
    expect(parseLinkHeader(null).size).toBe(0);
  });

  test('rate-limit headers are read with an ISO 8601 reset, or epoch seconds from compatible servers', () => {
    const iso = new Headers({ 'x-ratelimit-limit': '300', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': '2026-03-10T12:05:00.490057Z' });
    expect(readRateLimit(iso)).toEqual({ limit: 300, remaining: 0, resetAt: Date.parse('2026-03-10T12:05:00.490Z') });
    expect(readRateLimit(new Headers({ 'x-ratelimit-reset': '1773144300' }))!.resetAt).toBe(1_773_144_300_000);
    expect(readRateLimit(new Headers())).toBeNull();
  });

  test('a 429 without a reset header falls back to Retry-After', () => {
    const now = Date.parse('2026-03-10T12:00:00Z');
    expect(retryAt(new Headers({ 'retry-after': '30' }), now)).toBe(now + 30_000);
    expect(retryAt(new Headers({ 'retry-after': 'Tue, 10 Mar 2026 12:01:00 GMT' }), now)).toBe(now + 60_000);
    expect(retryAt(new Headers(), now)).toBeNull();
  });
});
