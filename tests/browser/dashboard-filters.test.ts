// The dashboard app's view state (dashboard/app/src/state/filters.ts): what a shared URL means,
// how a view is written back to the URL, and which dates and bucket size a range asks for. The
// networks a URL may name are the ones the server lists.
import { describe, expect, test } from 'vitest';
import {
  addDays,
  apiFilterParams,
  chooseInterval,
  DEFAULT_FILTERS,
  filtersFromQuery,
  filtersToQuery,
  isIsoDate,
  resolveDates,
  todayIn,
  type DashboardFilters,
} from '../../dashboard/app/src/state/filters.js';

/** The networks the server lists in these tests. */
const KNOWN = ['x', 'bluesky', 'mastodon'];

describe('filters', () => {
  test('a plain URL is the default view, and the default view is a plain URL', () => {
    expect(filtersFromQuery('', KNOWN)).toEqual(DEFAULT_FILTERS);
    expect(filtersToQuery(DEFAULT_FILTERS, KNOWN)).toBe('');
  });

  test('every view survives a trip through the URL', () => {
    const views: DashboardFilters[] = [
      { range: { kind: 'preset', days: 30 }, networks: ['mastodon'], hashtag: 'fairwork', topPostsBy: 'recent', contributorsBy: 'reach', amplifiersBy: 'ready_made' },
      { range: { kind: 'custom', from: '2026-10-30', to: '2026-11-02' }, networks: ['x', 'bluesky'], hashtag: null, topPostsBy: 'impressions', contributorsBy: 'engagements', amplifiersBy: 'reach' },
      { ...DEFAULT_FILTERS, amplifiersBy: 'posts' },
      { ...DEFAULT_FILTERS, range: { kind: 'preset', days: 90 } },
    ];
    for (const view of views) expect(filtersFromQuery(filtersToQuery(view, KNOWN), KNOWN)).toEqual(view);
  });

  test('a hand-edited or damaged URL falls back to defaults piece by piece', () => {
    const filters = filtersFromQuery('range=12d&network=x,myspace&network=BLUESKY&hashtag=%23JobQuality&posts=loudest&people=reach&amplifiers=loudest', KNOWN);
    expect(filters.range).toEqual(DEFAULT_FILTERS.range);
    expect(filters.networks).toEqual(['x', 'bluesky']);
    expect(filters.hashtag).toBe('jobquality');
    expect(filters.topPostsBy).toBe('engagements');
    expect(filters.contributorsBy).toBe('reach');
    expect(filters.amplifiersBy).toBe('reach');
  });

  test('the amplifier order picked is written to the URL, and its default is left out', () => {
    expect(filtersToQuery({ ...DEFAULT_FILTERS, amplifiersBy: 'engagements' }, KNOWN)).toBe('amplifiers=engagements');
    expect(filtersFromQuery('amplifiers=ready_made', KNOWN).amplifiersBy).toBe('ready_made');
    expect(DEFAULT_FILTERS.amplifiersBy).toBe('reach');
  });

  test('a network the server registered is a filter like the built-in ones, and one it does not list is dropped', () => {
    const known = [...KNOWN, 'fediplus'];
    expect(filtersFromQuery('network=fediplus', known).networks).toEqual(['fediplus']);
    expect(filtersFromQuery('network=fediplus', KNOWN).networks).toEqual([]);
    expect(filtersToQuery({ ...DEFAULT_FILTERS, networks: ['fediplus'] }, known)).toBe('network=fediplus');
    // With four networks, the three built-in ones are a real choice, not "all".
    expect(filtersFromQuery('network=x,bluesky,mastodon', known).networks).toEqual(['x', 'bluesky', 'mastodon']);
    expect(filtersFromQuery('network=x,bluesky,mastodon,fediplus', known).networks).toEqual([]);
  });

  test('custom dates need two real dates in order; otherwise the preset stands', () => {
    expect(filtersFromQuery('from=2026-11-05&to=2026-11-01&range=30d', KNOWN).range).toEqual({ kind: 'preset', days: 30 });
    expect(filtersFromQuery('from=2026-02-30&to=2026-03-02', KNOWN).range).toEqual(DEFAULT_FILTERS.range);
    expect(filtersFromQuery('from=2026-11-01', KNOWN).range).toEqual(DEFAULT_FILTERS.range);
    expect(filtersFromQuery('from=2026-11-01&to=2026-11-01', KNOWN).range).toEqual({ kind: 'custom', from: '2026-11-01', to: '2026-11-01' });
  });

  test('all three networks picked is the same view as none picked', () => {
    expect(filtersFromQuery('network=x,bluesky,mastodon', KNOWN).networks).toEqual([]);
    expect(filtersToQuery({ ...DEFAULT_FILTERS, networks: ['x', 'bluesky', 'mastodon'] }, KNOWN)).toBe('');
  });

  test('a preset of N days ends today and includes it (leap days too)', () => {
    expect(resolveDates({ kind: 'preset', days: 7 }, '2026-03-02')).toEqual({ from: '2026-02-24', to: '2026-03-02' });
    expect(resolveDates({ kind: 'preset', days: 30 }, '2024-03-01')).toEqual({ from: '2024-02-01', to: '2024-03-01' });
    expect(resolveDates({ kind: 'custom', from: '2026-01-01', to: '2026-01-05' }, '2026-11-04')).toEqual({ from: '2026-01-01', to: '2026-01-05' });
  });

  test('the API gets dates, a network list and the hashtag; the list orders stay in the app', () => {
    const params = apiFilterParams({ range: { kind: 'preset', days: 7 }, networks: ['x', 'mastodon'], hashtag: 'fairwork', topPostsBy: 'recent', contributorsBy: 'reach', amplifiersBy: 'posts' }, '2026-11-04');
    expect(Object.fromEntries(params)).toEqual({ from: '2026-10-29', to: '2026-11-04', network: 'x,mastodon', hashtag: 'fairwork' });
    expect(apiFilterParams(DEFAULT_FILTERS, '2026-11-04').has('network')).toBe(false);
  });

  test('charts use hours for a day or two, days up to half a year, weeks beyond', () => {
    expect(chooseInterval('2026-11-04', '2026-11-04')).toBe('hour');
    expect(chooseInterval('2026-11-03', '2026-11-04')).toBe('hour');
    expect(chooseInterval('2026-11-02', '2026-11-04')).toBe('day');
    expect(chooseInterval(addDays('2026-11-04', -179), '2026-11-04')).toBe('day');
    expect(chooseInterval(addDays('2026-11-04', -180), '2026-11-04')).toBe('week');
  });

  test("today is the report time zone's date, not the browser's", () => {
    const at = Date.parse('2026-11-04T03:30:00Z');
    expect(todayIn('America/New_York', at)).toBe('2026-11-03');
    expect(todayIn('Asia/Tokyo', at)).toBe('2026-11-04');
  });

  test('only real calendar dates count as dates', () => {
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-1-05')).toBe(false);
    expect(isIsoDate('yesterday')).toBe(false);
  });
});
