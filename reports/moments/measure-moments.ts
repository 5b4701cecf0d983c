// Measures each campaign moment from the content file (core/moment-lift.ts) against the database:
// the 48 hours after it, and the same hours of earlier weeks, counted only when every hour was collected.
import { collectedNetworkIds } from '../../core/networks.js';
import { momentLift, MOMENT_BASELINE_WEEKS, MOMENT_WINDOW_MS, type MomentFigures, type MomentLift } from '../../core/moment-lift.js';
import { HOUR_MS, WEEK_MS } from '../../core/surge-detection.js';
import type { AnalyticsScope, TimeWindow } from '../../db/analytics-scope.js';
import { getGainedSeries, getPostsSeries } from '../../db/analytics-series.js';
import type { Db } from '../../db/connection.js';
import { getFirstTimeContributors } from '../../db/report-queries.js';
import type { CampaignMoment } from '../../shareables/content-schema.js';
import { collectedHours } from '../alerts/detect-alerts.js';

export interface MeasuredMoment {
  at: number;
  what: string;
  network: string;
  lift: MomentLift;
}

function figures(db: Db, window: TimeWindow, scope: AnalyticsScope): MomentFigures {
  return {
    posts: getPostsSeries(db, [window], scope)[0] ?? 0,
    engagements: getGainedSeries(db, [window], scope).engagements[0] ?? 0,
    new_contributors: getFirstTimeContributors(db, window, scope, 0).count,
  };
}

/** Whether every hour of the window was collected (the coverage ledger, as in detect-alerts.ts collectedHours). */
function wholeWindowCollected(db: Db, window: TimeWindow, now: number): boolean {
  const first = Math.floor(window.start / HOUR_MS) * HOUR_MS;
  const hours: number[] = [];
  for (let hour = first; hour < window.end; hour += HOUR_MS) hours.push(hour);
  return collectedHours(db, hours, now).size === hours.length;
}

/** Each moment with its lift, in time order. */
export function measureMoments(db: Db, moments: readonly CampaignMoment[], now: number): MeasuredMoment[] {
  return [...moments]
    .map((moment) => ({ ...moment, atMs: Date.parse(moment.at) }))
    .sort((a, b) => a.atMs - b.atMs)
    .map((moment) => {
      const scope: AnalyticsScope = { networks: moment.network === 'all' ? collectedNetworkIds() : [moment.network], hashtag: null };
      const window = { start: moment.atMs, end: moment.atMs + MOMENT_WINDOW_MS };
      const done = now >= window.end;
      const after = done && wholeWindowCollected(db, window, now) ? figures(db, window, scope) : null;
      const baseline: MomentFigures[] = [];
      for (let week = 1; done && week <= MOMENT_BASELINE_WEEKS; week += 1) {
        const earlier = { start: window.start - week * WEEK_MS, end: window.end - week * WEEK_MS };
        if (wholeWindowCollected(db, earlier, now)) baseline.push(figures(db, earlier, scope));
      }
      return { at: moment.atMs, what: moment.what, network: moment.network, lift: momentLift({ at: moment.atMs, now, after, baseline }) };
    });
}
