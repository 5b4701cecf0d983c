// GET /api/timeseries: one series of the catalogue (core/kpi-catalogue.ts) in day, week or hour
// buckets, each bucket saying whether it was collected.
import type { Hono } from 'hono';
import { SERIES_CATALOGUE, SERIES_IDS, type SeriesId } from '../../../core/kpi-catalogue.js';
import { impressionsCoverage } from '../../../core/metrics.js';
import type { AnalyticsScope } from '../../../db/analytics-scope.js';
import { getContributorSeries, getGainedSeries, getPostsSeries } from '../../../db/analytics-series.js';
import { getRecentCoverageLedger } from '../../../db/coverage-ledger.js';
import type { Db } from '../../../db/connection.js';
import { seriesPoints, startedBuckets } from '../coverage-answers.js';
import { choice, InvalidParameterError } from '../query-params.js';
import { bucketsFor, countBuckets, INTERVALS, MAX_BUCKETS } from '../time-range.js';
import { definitions, type ApiDeps } from './api-deps.js';
import type { TimeseriesResponse } from '../../contract/index.js';

type Buckets = ReturnType<typeof bucketsFor>;

/** The values of `metric` per bucket; null where the networks in scope do not report it. */
function seriesValues(db: Db, metric: SeriesId, buckets: Buckets, scope: AnalyticsScope): Array<number | null> {
  switch (metric) {
    case 'posts':
      return getPostsSeries(db, buckets, scope);
    case 'authors':
      return getContributorSeries(db, buckets, scope).contributors;
    case 'potential_reach':
      return getContributorSeries(db, buckets, scope).potentialReach;
    case 'engagements':
      return getGainedSeries(db, buckets, scope).engagements;
    case 'impressions':
      return impressionsCoverage(scope.networks) === 'none' ? buckets.map(() => null) : getGainedSeries(db, buckets, scope).impressions;
  }
}

export function timeseriesRoutes(api: Hono, deps: ApiDeps): void {
  const { db, timeZone } = deps;
  api.get('/timeseries', (c) => {
    const { filters, params } = deps.parse(c, {
      metric: choice(SERIES_IDS),
      interval: choice(INTERVALS).default('day'),
    });
    const count = countBuckets(filters.range, params.interval, timeZone);
    if (count > MAX_BUCKETS) {
      throw new InvalidParameterError(
        'interval',
        `Query parameter "interval" gives ${count} ${params.interval} buckets for this range, more than the ${MAX_BUCKETS} a chart allows; choose a longer interval or a shorter range.`,
      );
    }
    const now = deps.now();
    const buckets = startedBuckets(bucketsFor(filters.range, params.interval, timeZone), now);
    return c.json({
      metric: params.metric,
      interval: params.interval,
      timeZone,
      basis: SERIES_CATALOGUE[params.metric].basis,
      definition: SERIES_CATALOGUE[params.metric],
      points: seriesPoints(buckets, seriesValues(db, params.metric, buckets, filters.scope), getRecentCoverageLedger(db, now), filters.scope.networks),
      definitions,
    } satisfies TimeseriesResponse);
  });
}
