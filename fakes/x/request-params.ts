// Validates the query string of the two emulated endpoints the way X does: unknown or repeated
// parameters, bad values and out-of-window bounds all become one "Invalid Request" with X's wording.
import {
  EXPANSIONS, MEDIA_FIELDS, PLACE_FIELDS, POLL_FIELDS, TWEET_FIELDS, USER_FIELDS, type Selection,
} from './field-selection.js';
import type { InvalidParameter } from './x-problems.js';
import { compareIds, snowflakeFor } from './snowflake.js';

const ID_PATTERN = /^[0-9]{1,19}$/;
const MAX_ID = 2n ** 63n - 1n;
/** RFC 3339 as X accepts it: seconds required, fraction and offset optional forms. */
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
export const SEARCH_WINDOW_MS = 7 * 24 * 3_600_000;
/** X refuses an end_time closer to the request than this. */
const END_TIME_MARGIN_MS = 10_000;

const FIELD_PARAMETERS: Record<string, readonly string[]> = {
  'tweet.fields': TWEET_FIELDS,
  'user.fields': USER_FIELDS,
  expansions: EXPANSIONS,
  'media.fields': MEDIA_FIELDS,
  'poll.fields': POLL_FIELDS,
  'place.fields': PLACE_FIELDS,
};

const SEARCH_PARAMETERS = [
  'query', 'start_time', 'end_time', 'since_id', 'until_id', 'max_results', 'next_token', 'pagination_token', 'sort_order',
  'tweet.fields', 'expansions', 'media.fields', 'poll.fields', 'user.fields', 'place.fields',
];
const LOOKUP_PARAMETERS = ['ids', 'tweet.fields', 'expansions', 'media.fields', 'poll.fields', 'user.fields', 'place.fields'];

export interface SearchRequest {
  query: string;
  sinceId: string | null;
  untilId: string | null;
  startMs: number | null;
  endMs: number | null;
  maxResults: number;
  nextToken: string | null;
  selection: Selection;
}

export interface LookupRequest {
  ids: string[];
  selection: Selection;
}

export type Checked<T> = { ok: true; value: T } | { ok: false; errors: InvalidParameter[] };

/** "2024-05-01T10:00Z" — the minute precision X uses when it names the window's edge. */
function minuteStamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16) + 'Z';
}

function invalid(name: string, values: string[], message: string): InvalidParameter {
  return { parameters: { [name]: values }, message };
}

function checkKnownAndSingle(query: URLSearchParams, allowed: readonly string[], errors: InvalidParameter[]): void {
  const seen = new Set<string>();
  for (const name of query.keys()) {
    if (seen.has(name)) continue;
    seen.add(name);
    const values = query.getAll(name);
    if (!allowed.includes(name)) {
      errors.push(invalid(name, values, `The query parameter [${name}] is not one of [${allowed.join(',')}]`));
    } else if (values.length > 1) {
      errors.push(invalid(name, values, `Duplicate parameters are not allowed:  the \`${name}\` query parameter`));
    }
  }
}

function checkSelection(query: URLSearchParams, errors: InvalidParameter[]): Selection {
  const lists: Record<string, Set<string>> = {};
  for (const [name, allowed] of Object.entries(FIELD_PARAMETERS)) {
    const raw = query.get(name);
    const chosen = new Set<string>();
    lists[name] = chosen;
    if (raw === null) continue;
    if (raw === '') {
      errors.push(invalid(name, [raw], `The \`${name}\` query parameter can not be empty`));
      continue;
    }
    for (const item of raw.split(',')) {
      if (allowed.includes(item)) chosen.add(item);
      else errors.push(invalid(name, [item], `The \`${name}\` query parameter value [${item}] is not one of [${allowed.join(',')}]`));
    }
  }
  return { tweetFields: lists['tweet.fields']!, userFields: lists['user.fields']!, expansions: lists.expansions! };
}

function checkId(query: URLSearchParams, name: string, errors: InvalidParameter[]): string | null {
  const value = query.get(name);
  if (value === null) return null;
  if (!ID_PATTERN.test(value) || BigInt(value) > MAX_ID) {
    errors.push(invalid(name, [value], `The \`${name}\` query parameter value [${value}] does not match ^[0-9]{1,19}$`));
    return null;
  }
  return value;
}

function checkTime(query: URLSearchParams, name: string, errors: InvalidParameter[]): number | null {
  const value = query.get(name);
  if (value === null) return null;
  const ms = TIMESTAMP.test(value) ? Date.parse(value) : NaN;
  if (!Number.isFinite(ms)) {
    errors.push(invalid(name, [value], `Invalid '${name}':'${value}'. '${name}' must be in YYYY-MM-DDTHH:mm:ssZ format`));
    return null;
  }
  return ms;
}

/** Checks a recent-search request against X's rules, including the 7-day window measured from `now`. */
export function checkSearchRequest(query: URLSearchParams, now: number, maxQueryLength: number): Checked<SearchRequest> {
  const errors: InvalidParameter[] = [];
  checkKnownAndSingle(query, SEARCH_PARAMETERS, errors);
  const text = query.get('query');
  if (text === null || text === '') {
    errors.push(invalid('query', [], 'The `query` query parameter can not be empty'));
  } else if ([...text].length > maxQueryLength) {
    errors.push(invalid('query', [text], `The \`query\` query parameter value [${text}] is not between 1 and ${maxQueryLength} characters`));
  }
  let maxResults = 10;
  const rawMax = query.get('max_results');
  if (rawMax !== null) {
    const parsed = /^-?\d+$/.test(rawMax) ? Number(rawMax) : NaN;
    if (!Number.isInteger(parsed) || parsed < 10 || parsed > 100) {
      errors.push(invalid('max_results', [rawMax], `The \`max_results\` query parameter value [${rawMax}] is not between 10 and 100`));
    } else {
      maxResults = parsed;
    }
  }
  const sinceId = checkId(query, 'since_id', errors);
  const untilId = checkId(query, 'until_id', errors);
  const startMs = checkTime(query, 'start_time', errors);
  const endMs = checkTime(query, 'end_time', errors);
  const sortOrder = query.get('sort_order');
  if (sortOrder !== null && sortOrder !== 'recency' && sortOrder !== 'relevancy') {
    errors.push(invalid('sort_order', [sortOrder], `The \`sort_order\` query parameter value [${sortOrder}] is not one of [recency,relevancy]`));
  }
  const nextToken = query.get('next_token') ?? query.get('pagination_token');
  if (nextToken === '') errors.push(invalid('next_token', [nextToken], 'The `next_token` query parameter can not be empty'));
  const selection = checkSelection(query, errors);
  if (errors.length) return { ok: false, errors };

  // Window rules come after syntax, as on X: they need well-formed values to compare.
  const windowStart = now - SEARCH_WINDOW_MS;
  const oldestId = snowflakeFor(windowStart);
  for (const [name, id] of [['since_id', sinceId], ['until_id', untilId]] as const) {
    if (id !== null && compareIds(id, oldestId) < 0) {
      errors.push(invalid(name, [id], `Please use a '${name}' that is larger than ${oldestId}`));
    }
  }
  if (startMs !== null && startMs < windowStart) {
    errors.push(invalid('start_time', [query.get('start_time')!], `Invalid 'start_time':'${query.get('start_time')}'. 'start_time' must be on or after ${minuteStamp(windowStart)}`));
  }
  if (endMs !== null && endMs < windowStart) {
    errors.push(invalid('end_time', [query.get('end_time')!], `Invalid 'end_time':'${query.get('end_time')}'. 'end_time' must be on or after ${minuteStamp(windowStart)}`));
  }
  if (endMs !== null && endMs > now - END_TIME_MARGIN_MS) {
    errors.push(invalid('end_time', [query.get('end_time')!], `Invalid 'end_time':'${query.get('end_time')}'. 'end_time' must be a minimum of 10 seconds prior to the request time.`));
  }
  if (startMs !== null && endMs !== null && startMs >= endMs) {
    errors.push(invalid('start_time', [query.get('start_time')!], `Invalid 'start_time':'${query.get('start_time')}'. 'start_time' must be before 'end_time':'${query.get('end_time')}'`));
  }
  if (sinceId !== null && untilId !== null && compareIds(sinceId, untilId) >= 0) {
    errors.push(invalid('since_id', [sinceId], `Invalid 'since_id':'${sinceId}'. 'since_id' must be smaller than 'until_id':'${untilId}'`));
  }
  if (errors.length) return { ok: false, errors };
  return { ok: true, value: { query: text!, sinceId, untilId, startMs, endMs, maxResults, nextToken, selection } };
}

/** Checks a lookup-by-ids request: 1–100 well-formed ids. */
export function checkLookupRequest(query: URLSearchParams): Checked<LookupRequest> {
  const errors: InvalidParameter[] = [];
  checkKnownAndSingle(query, LOOKUP_PARAMETERS, errors);
  const raw = query.get('ids');
  let ids: string[] = [];
  if (raw === null || raw === '') {
    errors.push(invalid('ids', [], 'The `ids` query parameter can not be empty'));
  } else {
    ids = raw.split(',');
    if (ids.length > 100) {
      errors.push(invalid('ids', [raw], `The number of values in the \`ids\` query parameter list [${ids.length}] is not between 1 and 100`));
    }
    for (const id of ids) {
      if (!ID_PATTERN.test(id)) errors.push(invalid('ids', [id], `The \`ids\` query parameter value [${id}] does not match ^[0-9]{1,19}$`));
    }
  }
  const selection = checkSelection(query, errors);
  if (errors.length) return { ok: false, errors };
  return { ok: true, value: { ids: [...new Set(ids)], selection } };
}

/** The creation time of the oldest post recent search still reaches. */
export function searchWindowStart(now: number): number {
  return now - SEARCH_WINDOW_MS;
}
