// Mastodon's rate-limit headers: X-RateLimit-Limit, X-RateLimit-Remaining and X-RateLimit-Reset
// (an ISO 8601 timestamp; epoch seconds are accepted too, as some compatible servers send them).

export interface RateLimitReading {
  limit: number | null;
  remaining: number | null;
  /** ms since epoch, or null when not given or unreadable. */
  resetAt: number | null;
}

/** Parses a reset time: ISO 8601, or whole epoch seconds. */
export function parseResetTime(value: string | null): number | null {
  if (value === null || value.trim() === '') return null;
  const trimmed = value.trim();
  if (/^[0-9]{9,11}$/.test(trimmed)) return Number(trimmed) * 1000;
  // Date.parse reads almost anything ("-5" is a day in 2001): only an ISO 8601 date-time is a date here.
  if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}/.test(trimmed)) return null;
  const ms = Date.parse(trimmed);
  return Number.isNaN(ms) ? null : ms;
}

function integer(value: string | null): number | null {
  if (value === null || !/^\s*-?[0-9]+\s*$/.test(value)) return null;
  return Number.parseInt(value, 10);
}

/** The rate-limit headers of a response, or null when it carries none. */
export function readRateLimit(headers: Headers): RateLimitReading | null {
  const reading = {
    limit: integer(headers.get('x-ratelimit-limit')),
    remaining: integer(headers.get('x-ratelimit-remaining')),
    resetAt: parseResetTime(headers.get('x-ratelimit-reset')),
  };
  return reading.limit === null && reading.remaining === null && reading.resetAt === null ? null : reading;
}

/** When a 429 says to come back: X-RateLimit-Reset, else Retry-After (seconds or an HTTP date). */
export function retryAt(headers: Headers, now: number): number | null {
  const reset = parseResetTime(headers.get('x-ratelimit-reset'));
  if (reset !== null) return reset;
  const retryAfter = headers.get('retry-after');
  if (retryAfter === null) return null;
  if (/^\s*[0-9]+\s*$/.test(retryAfter)) return now + Number(retryAfter) * 1000;
  // Otherwise only an HTTP date (all three RFC 9110 forms start with the day's name); "-5" or "soon" is no time at all.
  if (!/^\s*(Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*,?\s/.test(retryAfter)) return null;
  const date = Date.parse(retryAfter);
  return Number.isNaN(date) ? null : date;
}
