// The dashboard's read-only JSON API (contract in README "Dashboard API"): validates the query,
// asks db/ analytics functions, shapes the answer. Every timestamp leaves as ISO-8601 UTC.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { ENGAGEMENT_FORMULA_VERSION, METRIC_DEFINITIONS_VERSION, impressionsCoverage } from '../../core/metrics.js';
import { KPI_CATALOGUE, SERIES_CATALOGUE, SERIES_IDS } from '../../core/kpi-catalogue.js';
import { collectedNetworkIds } from '../../core/networks.js';
import { comparePeriods } from '../../core/period-comparison.js';
import type { Network } from '../../core/types.js';
import { getKpis, getNetworkBreakdown } from '../../db/analytics.js';
import { listAlerts } from '../../db/alerts.js';
import { getNetworkHealth, getRunLedger } from '../../db/analytics-coverage.js';
import { getRecentCoverageLedger } from '../../db/coverage-ledger.js';
import { getContributorSeries, getGainedSeries, getPostsSeries } from '../../db/analytics-series.js';
import { getCoOccurringHashtags, getTopContributors, getTopPosts } from '../../db/analytics-top.js';
import type { Db } from '../../db/connection.js';
import { getShareableAdoption } from '../../db/shareable-adoption.js';
import type { Logger } from '../../core/logger.js';
import { shareableLabels, type CampaignShareables } from '../../shareables/campaign-shareables.js';
import { declareAnswerParameters } from './answer-parameters.js';
import { contentWarnings } from '../../shareables/content-warnings.js';
import { actionPageUrl } from '../../shareables/action-page/build-action-page.js';
import { measureMoments } from '../../reports/moments/measure-moments.js';
import { csvDownload } from './csv-download.js';
import { xlsxDownload } from './xlsx-download.js';
import { filterShape, InvalidParameterError, oneOf, parseQuery, toFilters, wholeNumber, type FilterContext, type Filters } from './query-params.js';
import { listReports, reportRoutes } from './report-files.js';
import { networkColumns, shareableEntries } from './shareable-adoption-answer.js';
import { comparisonJson, coverageDays, coverageSpans, seriesPoints, startedBuckets } from './coverage-answers.js';
import { bucketsFor, countBuckets, INTERVALS, isoUtc, localDate, localDays, MAX_BUCKETS } from './time-range.js';

export const SERIES_METRICS = SERIES_IDS;
const TOP_POST_ORDERS = ['engagements', 'impressions', 'recent'] as const;
const TOP_CONTRIBUTOR_ORDERS = ['posts', 'engagements', 'reach'] as const;
const DAY_MS = 86_400_000;

export interface ApiOptions {
  db: Db;
  hashtags: readonly string[];
  timeZone: string;
  reportsDir: string | null;
  demo: boolean;
  enabledNetworks: readonly Network[];
  log: Logger;
  now: () => number;
  /** The campaign's ready-made posts, or null when the content file could not be loaded. */
  shareables: CampaignShareables | null;
  /** PUBLIC_BASE_URL, to say whether the action page's link previews have its address. */
  publicBaseUrl?: string | null;
}

const definitions = { version: METRIC_DEFINITIONS_VERSION, engagementFormulaVersion: ENGAGEMENT_FORMULA_VERSION };
/** The summary's definitions: versions plus every KPI of the catalogue (core/kpi-catalogue.ts). */
const summaryDefinitions = { ...definitions, kpis: KPI_CATALOGUE };

/** The `/api` routes, mounted by the server under `/api`. */
export function createApiRoutes(options: ApiOptions): Hono {
  const { db, timeZone } = options;
  const api = new Hono();
  const context = (): FilterContext => ({ timeZone, hashtags: options.hashtags, now: options.now() });

  /** Validates the common filters plus an endpoint's own parameters. */
  function parse<S extends z.ZodRawShape>(c: Context, shape: S): { filters: Filters; params: z.output<z.ZodObject<S>> } {
    const ctx = context();
    const query = c.req.queries();
    const filterParams = filterShape(ctx);
    declareAnswerParameters(c.req.raw, [...Object.keys(filterParams), ...Object.keys(shape)]);
    const filters = toFilters(parseQuery(query, filterParams), ctx);
    return { filters, params: parseQuery(query, shape) };
  }

  const rangeJson = (window: { start: number; end: number }) => ({ from: isoUtc(window.start), to: isoUtc(window.end) });

  api.get('/summary', (c) => {
    const { filters } = parse(c, {});
    const now = options.now();
    const comparison = comparePeriods(filters.range, now, timeZone, getRecentCoverageLedger(db, now), filters.scope.networks);
    return c.json({
      range: { ...rangeJson(filters.range), timeZone },
      previousRange: rangeJson(comparison.previous),
      current: getKpis(db, filters.range, filters.scope),
      // Never a number to compare with when the earlier period was not (fully) collected.
      previous: comparison.comparable ? getKpis(db, comparison.previous, filters.scope) : null,
      comparison: comparisonJson(comparison),
      definitions: summaryDefinitions,
    });
  });

  api.get('/timeseries', (c) => {
    const { filters, params } = parse(c, {
      metric: z.enum(SERIES_METRICS, { error: oneOf(SERIES_METRICS) }),
      interval: z.enum(INTERVALS, { error: oneOf(INTERVALS) }).default('day'),
    });
    const count = countBuckets(filters.range, params.interval, timeZone);
    if (count > MAX_BUCKETS) {
      throw new InvalidParameterError(
        'interval',
        `Query parameter "interval" gives ${count} ${params.interval} buckets for this range, more than the ${MAX_BUCKETS} a chart allows; choose a longer interval or a shorter range.`,
      );
    }
    const now = options.now();
    const buckets = startedBuckets(bucketsFor(filters.range, params.interval, timeZone), now);
    const basis = SERIES_CATALOGUE[params.metric].basis;
    let values: Array<number | null>;
    switch (params.metric) {
      case 'posts':
        values = getPostsSeries(db, buckets, filters.scope);
        break;
      case 'authors':
        values = getContributorSeries(db, buckets, filters.scope).contributors;
        break;
      case 'potential_reach':
        values = getContributorSeries(db, buckets, filters.scope).potentialReach;
        break;
      case 'engagements':
        values = getGainedSeries(db, buckets, filters.scope).engagements;
        break;
      case 'impressions':
        values =
          impressionsCoverage(filters.scope.networks) === 'none'
            ? buckets.map(() => null)
            : getGainedSeries(db, buckets, filters.scope).impressions;
        break;
    }
    return c.json({
      metric: params.metric,
      interval: params.interval,
      timeZone,
      basis,
      definition: SERIES_CATALOGUE[params.metric],
      points: seriesPoints(buckets, values, getRecentCoverageLedger(db, now), filters.scope.networks),
      definitions,
    });
  });

  api.get('/top-posts', (c) => {
    const { filters, params } = parse(c, {
      by: z.enum(TOP_POST_ORDERS, { error: oneOf(TOP_POST_ORDERS) }).default('engagements'),
      limit: wholeNumber(1, 100).default(10),
      offset: wholeNumber(0, 1_000_000).default(0),
    });
    const page = getTopPosts(db, filters.range, filters.scope, params);
    return c.json({ total: page.total, posts: page.posts.map((post) => ({ ...post, createdAt: isoUtc(post.createdAt) })) });
  });

  api.get('/top-contributors', (c) => {
    const { filters, params } = parse(c, {
      by: z.enum(TOP_CONTRIBUTOR_ORDERS, { error: oneOf(TOP_CONTRIBUTOR_ORDERS) }).default('posts'),
      limit: wholeNumber(1, 100).default(10),
    });
    return c.json({ contributors: getTopContributors(db, filters.range, filters.scope, params) });
  });

  api.get('/networks', (c) => {
    const { filters } = parse(c, {});
    return c.json({ networks: getNetworkBreakdown(db, filters.range, filters.scope) });
  });

  api.get('/hashtags', (c) => {
    const { filters, params } = parse(c, { limit: wholeNumber(1, 100).default(20) });
    return c.json({ hashtags: getCoOccurringHashtags(db, filters.range, filters.scope, { limit: params.limit, exclude: options.hashtags }) });
  });

  api.get('/coverage', (c) => {
    const { filters } = parse(c, {});
    if (countBuckets(filters.range, 'day', timeZone) > MAX_BUCKETS) {
      throw new InvalidParameterError('from', `Query parameter "from" starts a range of more than ${MAX_BUCKETS} days; the coverage ledger lists one row per day, so choose a shorter range.`);
    }
    const now = options.now();
    // Days still to come have nothing to say: they are not listed.
    const days = startedBuckets(localDays(filters.range, timeZone), now);
    const runs = new Map(getRunLedger(db, days, filters.scope.networks).map((row) => [`${row.k}|${row.network}`, row]));
    const ledger = getRecentCoverageLedger(db, now);
    return c.json({
      days: coverageDays(days, filters.scope.networks, runs, ledger),
      networks: coverageSpans(ledger, { start: filters.range.start, end: Math.min(filters.range.end, now) }, filters.scope.networks),
    });
  });

  // Alerts on unusual hours in the range (core/surge-detection.ts), newest hour first.
  api.get('/alerts', (c) => {
    const { filters, params } = parse(c, { limit: wholeNumber(1, 500).default(50) });
    return c.json({
      alerts: listAlerts(db, filters.range, params.limit).map((alert) => ({
        metric: alert.metric,
        direction: alert.direction,
        hourStart: isoUtc(alert.hourStart),
        value: alert.value,
        baselineMedian: alert.baselineMedian,
        baselineWeeks: alert.baselineWeeks,
        score: alert.score,
        message: alert.message,
        drivers: alert.drivers,
        detectedAt: isoUtc(alert.detectedAt),
        delivery: alert.delivery,
        deliveredAt: alert.deliveredAt === null ? null : isoUtc(alert.deliveredAt),
      })),
    });
  });

  // Campaign moments from the content file's `moments:` list, each with its 48-hour lift
  // (core/moment-lift.ts). Recorded in the content file only: the dashboard stays read-only.
  api.get('/moments', (c) => {
    const moments = options.shareables?.content.moments ?? [];
    return c.json({
      contentFileLoaded: options.shareables !== null,
      moments: measureMoments(db, moments, options.now()).map((moment) => ({ ...moment, at: isoUtc(moment.at) })),
    });
  });

  api.get('/status', (c) => {
    const now = options.now();
    return c.json({
      demo: options.demo,
      generatedAt: isoUtc(now),
      timeZone,
      hashtags: options.hashtags,
      networks: collectedNetworkIds().map((network) => {
        const health = getNetworkHealth(db, network, now - DAY_MS);
        const run = health.lastRun;
        return {
          network,
          enabled: options.enabledNetworks.includes(network),
          lastRun: run
            ? {
                status: run.status,
                startedAt: isoUtc(run.startedAt),
                finishedAt: run.finishedAt === null ? null : isoUtc(run.finishedAt),
                postsNew: run.postsNew,
                error: run.error,
                message: run.message,
                // Set when the run stopped because the plan's usage cap was spent (X: 'Daily' or 'Monthly').
                usageCapPeriod: run.usageCapPeriod,
              }
            : null,
          lastSuccessAt: health.lastSuccessAt === null ? null : isoUtc(health.lastSuccessAt),
          failuresLast24h: health.failuresSince,
          posts: health.posts,
        };
      }),
    });
  });

  api.get('/shareables', (c) => {
    const { filters } = parse(c, {});
    const { range, scope } = filters;
    const clickDays = { from: localDate(range.start, timeZone), to: localDate(range.end - 1, timeZone) };
    const input = {
      scopeNetworks: scope.networks,
      networksNarrowed: scope.networks.length < collectedNetworkIds().length,
      enabledNetworks: options.enabledNetworks,
    };
    const columns = networkColumns(input);
    const rows = getShareableAdoption(db, { window: range, scope, clickDays, clickNetworks: columns.map((column) => column.network) });
    const shareables = shareableEntries({ ...input, rows, labels: options.shareables ? shareableLabels(options.shareables) : null }, columns);
    return c.json({
      range: { ...rangeJson(range), timeZone },
      clickDays,
      contentFile: options.shareables ? 'loaded' : 'unavailable',
      // For staff only (the public action page never shows them): what to fix before publishing.
      contentWarnings: options.shareables
        ? contentWarnings(options.shareables.content, { pageUrl: actionPageUrl(options.shareables.content, options.publicBaseUrl ?? null), today: localDate(options.now(), timeZone) })
        : [],
      networks: columns,
      totals: {
        clicks: shareables.reduce((sum, entry) => sum + entry.clicks, 0),
        copies: shareables.reduce((sum, entry) => sum + entry.copies, 0),
        posts: shareables.reduce((sum, entry) => sum + entry.posts, 0),
        shareables: shareables.length,
        used: shareables.filter((entry) => entry.posts > 0).length,
      },
      shareables,
      definitions,
    });
  });

  api.get('/posts.csv', (c) => {
    const { filters } = parse(c, {});
    return csvDownload(c, db, filters, timeZone, options.log);
  });

  api.get('/posts.xlsx', (c) => {
    const { filters } = parse(c, {});
    return xlsxDownload(c, db, filters, timeZone, options.log);
  });

  api.get('/reports', async (c) => c.json({ reports: await listReports(options.reportsDir) }));
  api.route('/reports', reportRoutes(options.reportsDir));

  return api;
}
