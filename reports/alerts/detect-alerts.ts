// After a collection: judges the hours that just ended against the same hour of the week in earlier
// collected weeks (core/surge-detection.ts), and stores an alert for each surge or stop with the
// posts and people that drove it. Reads only through db/ functions.
import {
  ALERT_METRICS,
  alertKey,
  describeAlert,
  HOUR_MS,
  judgeHour,
  WEEK_MS,
  type AlertDrivers,
  type AlertMetric,
  type SurgeRules,
} from '../../core/surge-detection.js';
import { collectedNetworkIds } from '../../core/networks.js';
import { alertExists, getReadyMadePostsInWindow, insertAlert, type NewAlert } from '../../db/alerts.js';
import type { AnalyticsScope, TimeWindow } from '../../db/analytics-scope.js';
import { getCoverageLedger, windowCoverage } from '../../db/coverage-ledger.js';
import { getGainedSeries, getPostsSeries } from '../../db/analytics-series.js';
import { getTopContributors, getTopPosts } from '../../db/analytics-top.js';
import type { Db } from '../../db/connection.js';
import { getFirstTimeContributors } from '../../db/report-queries.js';

export interface DetectAlertsOptions {
  db: Db;
  now: number;
  timeZone: string;
  rules: SurgeRules;
  /** How many earlier weeks the baseline looks at (only those collected count). */
  baselineWeeks: number;
  /** How many of the latest complete hours each pass judges (an hour is alerted at most once). */
  recentHours?: number;
}

/**
 * Hours (given by their start) that were collected, judged by the coverage ledger
 * (core/collection-coverage.ts): every network that was ever collected has the whole hour's posts
 * stored (collected live or backfilled). Time still awaiting the next run does not count, so an
 * hour whose posts may not be in yet is never called a sudden stop.
 */
export function collectedHours(db: Db, hourStarts: readonly number[], now: number): Set<number> {
  const ledger = getCoverageLedger(db, now);
  const networks = collectedNetworkIds();
  return new Set(
    hourStarts.filter((start) => {
      const coverage = windowCoverage(ledger, { start, end: start + HOUR_MS }, networks);
      return coverage.status === 'complete' && !coverage.inProgress && coverage.collectedShare === 1;
    }),
  );
}

/** Per metric, the value of each hour (by index of `windows`). */
function hourlyValues(db: Db, windows: readonly TimeWindow[], scope: AnalyticsScope): Record<AlertMetric, number[]> {
  return {
    posts: getPostsSeries(db, windows, scope),
    engagements: getGainedSeries(db, windows, scope).engagements,
    new_contributors: windows.map((window) => getFirstTimeContributors(db, window, scope, 0).count),
  };
}

/** Who and what drove an hour: its top posts (marked when ready-made), most active people, ready-made count. */
export function hourDrivers(db: Db, window: TimeWindow, scope: AnalyticsScope): AlertDrivers {
  const readyMade = getReadyMadePostsInWindow(db, window, scope);
  const readyMadeIds = new Set(readyMade.map((post) => `${post.network}|${post.networkId}`));
  return {
    topPosts: getTopPosts(db, window, scope, { by: 'engagements', limit: 3, offset: 0 }).posts.map((post) => ({
      network: post.network,
      url: post.url,
      author: post.author.username,
      text: post.text,
      engagements: post.engagements,
      readyMade: readyMadeIds.has(`${post.network}|${post.id}`),
    })),
    topContributors: getTopContributors(db, window, scope, { by: 'posts', limit: 3 }).map((c) => ({
      network: c.network,
      username: c.username,
      posts: c.posts,
      engagements: c.engagements,
    })),
    readyMadePosts: readyMade.length,
  };
}

/** Judges the latest complete hours and stores new alerts; returns the alerts stored by this pass. */
export function detectAlerts(options: DetectAlertsOptions): NewAlert[] {
  const { db, now, rules, baselineWeeks } = options;
  const scope: AnalyticsScope = { networks: collectedNetworkIds(), hashtag: null };
  const lastEnd = Math.floor(now / HOUR_MS) * HOUR_MS;
  const candidates = Array.from({ length: options.recentHours ?? 3 }, (_v, i) => lastEnd - (i + 1) * HOUR_MS);
  const baselineOf = (hour: number) => Array.from({ length: baselineWeeks }, (_v, i) => hour - (i + 1) * WEEK_MS);
  const allHours = [...new Set(candidates.flatMap((hour) => [hour, ...baselineOf(hour)]))];
  const collected = collectedHours(db, allHours, now);
  const judged = candidates.filter((hour) => collected.has(hour));
  if (judged.length === 0) return [];

  const index = new Map(allHours.map((hour, k) => [hour, k]));
  const values = hourlyValues(db, allHours.map((start) => ({ start, end: start + HOUR_MS })), scope);
  const stored: NewAlert[] = [];
  for (const hour of judged) {
    const baselineHours = baselineOf(hour).filter((h) => collected.has(h));
    for (const metric of ALERT_METRICS) {
      const value = values[metric][index.get(hour)!]!;
      const baseline = baselineHours.map((h) => values[metric][index.get(h)!]!);
      const judgement = judgeHour(metric, value, baseline, rules);
      if (!judgement) continue;
      const key = alertKey(metric, judgement.direction, hour);
      if (alertExists(db, key)) continue;
      const drivers = hourDrivers(db, { start: hour, end: hour + HOUR_MS }, scope);
      const alert: NewAlert = {
        key,
        metric,
        hourStart: hour,
        ...judgement,
        drivers,
        message: describeAlert({ metric, hourStart: hour, ...judgement, ...drivers }, options.timeZone),
        detectedAt: now,
      };
      if (insertAlert(db, alert)) stored.push(alert);
    }
  }
  return stored;
}
