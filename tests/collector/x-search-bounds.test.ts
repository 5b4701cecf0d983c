// The pure pieces of X search paging: which bounds a range is searched with inside X's 7-day
// window (and what falls outside it), and which checkpoint a page may save.
import { describe, expect, test } from 'vitest';
import { snowflakeAt } from '../../collector/networks/x/snowflake.js';
import { checkpointAfterPage, searchStart, X_SEARCH_WINDOW_MS } from '../../collector/networks/x/x-search.js';

const NOW = Date.parse('2026-03-10T12:00:00.000Z');
const HOUR = 3_600_000;
const idAt = (ms: number) => snowflakeAt(ms);

describe('searchStart', () => {
  test('a since_id inside the window is searched from as it is, with no gap', () => {
    const sinceId = idAt(NOW - 2 * HOUR);
    expect(searchStart({ sinceId }, NOW)).toEqual({ kind: 'search', sinceId, startTime: undefined, gap: null });
  });

  test('a first run (no since_id) searches the whole window without a gap', () => {
    expect(searchStart({ sinceId: null }, NOW)).toEqual({ kind: 'search', sinceId: undefined, startTime: undefined, gap: null });
  });

  test('a since_id older than the window becomes a start_time just inside it, and the lost stretch is named', () => {
    const sinceId = idAt(NOW - X_SEARCH_WINDOW_MS - 3 * HOUR);
    const start = searchStart({ sinceId }, NOW);
    expect(start.kind).toBe('search');
    if (start.kind !== 'search') return;
    expect(start.sinceId).toBeUndefined();
    // Five minutes inside the window, so clock skew cannot push the request outside it.
    expect(Date.parse(start.startTime!)).toBe(NOW - X_SEARCH_WINDOW_MS + 5 * 60_000);
    expect(start.gap?.fields).toEqual({ sinceId });
    expect(start.gap?.message).toContain(new Date(NOW - X_SEARCH_WINDOW_MS - 3 * HOUR).toISOString());
    expect(start.gap?.message).toContain('cannot be collected');
  });

  test('an unfinished pass whose until_id has left the window cannot be searched at all', () => {
    const untilId = idAt(NOW - X_SEARCH_WINDOW_MS - HOUR);
    const start = searchStart({ sinceId: null, untilId }, NOW);
    expect(start.kind).toBe('expired');
    expect(start.gap?.fields).toEqual({ untilId });
    expect(start.gap?.message).toContain('from an interrupted run');
  });
});

describe('checkpointAfterPage', () => {
  const range = { sinceId: '1000' };

  test('a page with more to follow records the unfinished pass down to its oldest id and keeps the old since_id', () => {
    const page = { result_count: 100, newest_id: '1900', oldest_id: '1500', next_token: 'next' };
    expect(checkpointAfterPage(range, '1900', page)).toEqual({
      finished: false,
      state: { sinceId: '1000', pass: { newestId: '1900', untilId: '1500', sinceId: '1000' } },
    });
  });

  test('the last page of a pass moves since_id to the newest id the pass saw', () => {
    const page = { result_count: 3, newest_id: '1200', oldest_id: '1100' };
    expect(checkpointAfterPage(range, '1900', page)).toEqual({ finished: true, state: { sinceId: '1900', pass: null } });
  });

  test('a page with a next_token but no oldest_id ends the pass rather than resuming from nowhere', () => {
    const page = { result_count: 0, next_token: 'next' };
    expect(checkpointAfterPage(range, '1900', page).finished).toBe(true);
  });
});
