// Times each dashboard API endpoint as the browser calls it: a Request through the real Hono app
// (createDashboardServer(...).app.fetch, no socket), the whole body read, after warm-up requests.
// Computed with the answer cache off (what the first request after a collection costs), then
// repeated with it on (what auto-refresh and going back to a view cost until the data changes).
import { BENCH_COMPARATORS } from './synthetic-comparators.js';
import { DateTime } from 'luxon';
import type { Logger } from '../core/logger.js';
import { collectedNetworkIds } from '../core/networks.js';
import type { Db } from '../db/connection.js';
import { createDashboardServer } from '../dashboard/server/server.js';
import { summarize, type Timing } from './statistics.js';

export interface ApiCase {
  /** Short label for the results table, e.g. `timeseries engagements/day 30d`. */
  name: string;
  /** Path and query under the server root, e.g. `/api/summary?from=…&to=…`. */
  path: string;
}

export interface ApiMeasurement extends ApiCase {
  /** Answers computed from the database (answer cache off). */
  timing: Timing;
  /** The same request repeated while the data is unchanged (answer cache on). */
  repeated: Timing;
  /** Size of the answer body. */
  bytes: number;
}

const RANGES = [1, 7, 30, 90, 180] as const;
const SERIES_METRICS = ['posts', 'authors', 'engagements', 'impressions', 'potential_reach'] as const;
const INTERVALS = ['hour', 'day', 'week'] as const;

/**
 * The requests the dashboard makes, over the last 1, 7, 30, 90 and 180 local days ending on `now`'s
 * date: every endpoint, every series metric at every interval, every top-list order; the same
 * narrowed to one hashtag or one network for the per-account questions; and a partial-hour start,
 * which reads the raw tables.
 */
export function dashboardCases(now: number, timeZone: string, hashtags: readonly string[]): ApiCase[] {
  const today = DateTime.fromMillis(now, { zone: timeZone }).startOf('day');
  const range = (days: number) => `from=${today.minus({ days: days - 1 }).toISODate()}&to=${today.toISODate()}`;
  const cases: ApiCase[] = [];
  const add = (name: string, path: string) => cases.push({ name, path });
  for (const days of RANGES) add(`summary ${days}d`, `/api/summary?${range(days)}`);
  for (const days of RANGES) {
    for (const metric of SERIES_METRICS) {
      for (const interval of INTERVALS) add(`timeseries ${metric}/${interval} ${days}d`, `/api/timeseries?metric=${metric}&interval=${interval}&${range(days)}`);
    }
  }
  const partialStart = `${today.minus({ days: 29 }).toISODate()}T09:30:00`;
  add('timeseries engagements/day 30d, from 09:30', `/api/timeseries?metric=engagements&interval=day&from=${partialStart}&to=${today.toISODate()}`);
  add('summary 30d, from 09:30', `/api/summary?from=${partialStart}&to=${today.toISODate()}`);
  for (const days of RANGES) {
    for (const by of ['engagements', 'impressions', 'recent']) add(`top-posts by ${by} ${days}d`, `/api/top-posts?by=${by}&${range(days)}`);
  }
  add('top-posts by engagements 30d, page 10', `/api/top-posts?by=engagements&limit=20&offset=180&${range(30)}`);
  for (const days of RANGES) {
    for (const by of ['posts', 'engagements', 'reach']) add(`top-contributors by ${by} ${days}d`, `/api/top-contributors?by=${by}&${range(days)}`);
  }
  const tag = hashtags.at(1) ?? hashtags[0];
  for (const [label, filter] of [
    ['one hashtag', `hashtag=${tag}`],
    ['one network', 'network=mastodon'],
  ] as const) {
    for (const days of [30, 180]) {
      add(`summary ${days}d, ${label}`, `/api/summary?${range(days)}&${filter}`);
      for (const metric of ['authors', 'potential_reach']) {
        for (const interval of ['hour', 'day']) add(`timeseries ${metric}/${interval} ${days}d, ${label}`, `/api/timeseries?metric=${metric}&interval=${interval}&${range(days)}&${filter}`);
      }
      add(`top-contributors by engagements ${days}d, ${label}`, `/api/top-contributors?by=engagements&${range(days)}&${filter}`);
      add(`top-posts by engagements ${days}d, ${label}`, `/api/top-posts?by=engagements&${range(days)}&${filter}`);
      add(`networks ${days}d, ${label}`, `/api/networks?${range(days)}&${filter}`);
    }
  }
  for (const days of RANGES) add(`networks ${days}d`, `/api/networks?${range(days)}`);
  for (const days of RANGES) add(`hashtags ${days}d`, `/api/hashtags?${range(days)}`);
  for (const days of RANGES) add(`coverage ${days}d`, `/api/coverage?${range(days)}`);
  for (const days of RANGES) add(`share-of-voice ${days}d`, `/api/share-of-voice?${range(days)}`);
  for (const days of RANGES) add(`amplifiers by reach ${days}d`, `/api/amplifiers?${range(days)}`);
  add('status', '/api/status');
  add('posts.csv 7d', `/api/posts.csv?${range(7)}`);
  return cases;
}

export interface MeasureApiOptions {
  db: Db;
  now: number;
  timeZone: string;
  hashtags: readonly string[];
  log: Logger;
  cases: readonly ApiCase[];
  /** Untimed requests before the timed ones (default 1). */
  warmup: number;
  /** Timed requests per case (default 5). */
  repetitions: number;
  /** Called after each case, e.g. to print progress. */
  onCase?: (measurement: ApiMeasurement) => void;
}

/** The dashboard server's app as the benchmark asks it: every network enabled, the clock fixed, no static files. */
export function benchApp(options: { db: Db; now: number; timeZone: string; hashtags: readonly string[]; log: Logger; cacheAnswers: boolean; dayTotals?: boolean }) {
  return createDashboardServer({
    db: options.db,
    dayTotals: options.dayTotals ?? true,
    hashtags: [...options.hashtags],
    timeZone: options.timeZone,
    staticDir: null,
    reportsDir: null,
    demo: false,
    log: options.log,
    enabledNetworks: [...collectedNetworkIds()],
    now: () => options.now,
    cacheAnswers: options.cacheAnswers,
    // Two of the synthetic campaign's co-tags as comparators: the overlap comes from the campaign's
    // posts, the comparator-only posts from bench/synthetic-comparators.ts.
    intelligence: { compareHashtags: [...BENCH_COMPARATORS], accountMap: null },
  }).app;
}

/** Times every case; an answer other than 200 stops the benchmark (a fast error is no result). */
export async function measureApi(options: MeasureApiOptions): Promise<ApiMeasurement[]> {
  const requester = (cacheAnswers: boolean) => {
    const app = benchApp({ ...options, cacheAnswers });
    return async (path: string): Promise<number> => {
      const response = await app.fetch(new Request(`http://127.0.0.1${path}`));
      const body = await response.arrayBuffer();
      if (response.status !== 200) throw new Error(`${path} answered ${response.status}: ${Buffer.from(body).toString('utf8').slice(0, 300)}`);
      return body.byteLength;
    };
  };
  const computing = requester(false);
  const caching = requester(true);
  const time = async (request: (path: string) => Promise<number>, path: string, warmup: number) => {
    for (let i = 0; i < warmup; i += 1) await request(path);
    const samples: number[] = [];
    let bytes = 0;
    for (let i = 0; i < options.repetitions; i += 1) {
      const started = performance.now();
      bytes = await request(path);
      samples.push(performance.now() - started);
    }
    return { timing: summarize(samples), bytes };
  };

  const results: ApiMeasurement[] = [];
  for (const apiCase of options.cases) {
    const { timing, bytes } = await time(computing, apiCase.path, options.warmup);
    // One untimed request fills the cache; the timed ones are the repeats.
    const { timing: repeated } = await time(caching, apiCase.path, 1);
    const measurement = { ...apiCase, timing, repeated, bytes };
    results.push(measurement);
    options.onCase?.(measurement);
  }
  return results;
}
