// Gathers a week's numbers from the database with the dashboard's own query functions (same
// module, same numbers), asks the optional existence check and shareable tracker, and builds the
// report. The only part of reports/ that reads the database.
import type { Logger } from 'pino';
import { measureMoments } from './moments/measure-moments.js';
import type { CampaignMoment } from '../shareables/content-schema.js';
import { collectedNetworkIds } from '../core/networks.js';
import type { Network } from '../core/types.js';
import { getContributorsByWindow, getKpis, getNetworkBreakdown, type AnalyticsScope, type TimeWindow } from '../db/analytics.js';
import { getRunLedger } from '../db/analytics-coverage.js';
import { getContributorSeries, getGainedSeries, getPostsSeries } from '../db/analytics-series.js';
import { getTopContributors, getTopPosts, type TopPost } from '../db/analytics-top.js';
import type { Db } from '../db/connection.js';
import { getCollectionHistory, getFirstTimeContributors } from '../db/report-queries.js';
import type { NetworkRunHistory } from './coverage.js';
import { DateTime } from 'luxon';
import { assertWeekStarted, daysOfWeek, lastCompleteWeek, parseIsoWeek, shiftWeek, type IsoWeek } from './iso-week.js';
import {
  buildWeeklyReport,
  REPORT_LIST_LENGTH,
  type DayInput,
  type ExistenceCheck,
  type ShareableAdoptionInput,
  type WeekExtent,
  type WeeklyReport,
  type WeeklyReportData,
} from './weekly-report.js';
import { gatherIntelligence, type IntelligenceSettings } from './intelligence/gather-intelligence.js';

/**
 * Asks the networks which of these posts still exist; resolves to the ids (`TopPost.id`) confirmed
 * and the networks whose check ran and answered. A post not confirmed is never quoted; one of a
 * checked network is gone and not listed; one of another network is listed as not re-checked.
 */
export type VerifyPostsExist = (posts: readonly TopPost[]) => Promise<{ confirmed: ReadonlySet<string>; checkedNetworks: ReadonlySet<Network> }>;

/** Shareable adoption for a window, or null while adoption is not tracked. */
export type ShareableAdoptionSource = (window: TimeWindow) => ShareableAdoptionInput | null | Promise<ShareableAdoptionInput | null>;

/** What every way of producing reports (on request, on the schedule, in the demo) passes through to {@link generateWeeklyReport}. */
export type ReportInputs = Pick<GenerateWeeklyReportOptions, 'db' | 'timeZone' | 'hashtags' | 'verifyPostsExist' | 'shareableAdoption' | 'moments' | 'intelligence'>;

export interface GenerateWeeklyReportOptions {
  db: Db;
  /** "YYYY-Www" or a parsed week; default the last complete ISO week in `timeZone`. The week in progress is reported so far. */
  week?: string | IsoWeek;
  /** The report time zone (TZ_REPORTS). */
  timeZone: string;
  /** Tracked hashtags, normalised. */
  hashtags: readonly string[];
  /** Networks in scope; default all (as the dashboard). */
  networks?: readonly Network[];
  /** The clock (ms); default Date.now(). */
  now?: number;
  verifyPostsExist?: VerifyPostsExist;
  shareableAdoption?: ShareableAdoptionSource;
  log?: Logger;
  /** Campaign moments from the content file; those in the week get the report's Moments section. */
  moments?: readonly CampaignMoment[];
  /** Comparator hashtags and the account map, for the Share of voice and Amplifiers sections. */
  intelligence?: IntelligenceSettings;
}

/** How many ranked posts are offered to the existence check for the report's few quoted ones. */
const TOP_POST_CANDIDATES = REPORT_LIST_LENGTH * 3;

/**
 * Which week a report is for, and how much of it: the one named (refused if it has not started; the
 * week in progress is reported up to `now`), or the last complete one.
 */
export function resolveReportWeek(week: string | IsoWeek | undefined, timeZone: string, now: number): { week: IsoWeek; extent: WeekExtent } {
  if (week === undefined) return { week: lastCompleteWeek(now, timeZone), extent: { complete: true } };
  const parsed = typeof week === 'string' ? parseIsoWeek(week, timeZone) : week;
  assertWeekStarted(parsed, now);
  return { week: parsed, extent: parsed.end <= now ? { complete: true } : { complete: false, through: now } };
}

type GatheredData = Omit<WeeklyReportData, 'existence' | 'shareables'>;

/** Every database read of a report, in one read transaction so the sections agree with each other. */
function gather(db: Db, week: IsoWeek, extent: WeekExtent, scope: AnalyticsScope, hashtags: readonly string[], now: number): GatheredData {
  const window: TimeWindow = { start: week.start, end: week.end };
  // The week before up to the same local day and time, for a week in progress ("so far" comparisons).
  const previousSoFar = extent.complete
    ? undefined
    : getKpis(db, { start: shiftWeek(week, -1).start, end: DateTime.fromMillis(extent.through, { zone: week.timeZone }).minus({ weeks: 1 }).toMillis() }, scope);
  const days = daysOfWeek(week);
  const posts = getPostsSeries(db, days, scope);
  const contributors = getContributorSeries(db, days, scope);
  const gained = getGainedSeries(db, days, scope);
  const cumulative = new Array<number>(days.length).fill(0);
  for (const row of getContributorsByWindow(db, days.map((day) => ({ start: week.start, end: day.end })), scope)) {
    cumulative[row.k] = (cumulative[row.k] ?? 0) + row.potentialReach;
  }
  const dayInputs: DayInput[] = days.map((day, k) => ({
    ...day,
    posts: posts[k] ?? 0,
    contributors: contributors.contributors[k] ?? 0,
    potentialReach: contributors.potentialReach[k] ?? 0,
    cumulativePotentialReach: cumulative[k] ?? 0,
    engagementsGained: gained.engagements[k] ?? 0,
  }));

  const ledger = getRunLedger(db, days, scope.networks);
  const runHistory: NetworkRunHistory[] = scope.networks.map((network) => {
    const history = getCollectionHistory(db, network, window);
    return {
      network,
      days: days.map((day, k) => {
        const row = ledger.find((entry) => entry.k === k && entry.network === network);
        return {
          date: day.date,
          start: day.start,
          end: day.end,
          runs: row?.runs ?? 0,
          successes: row?.successes ?? 0,
          failures: row?.failures ?? 0,
          rateLimitPauses: row?.rateLimitPauses ?? 0,
          postsCollected: row?.postsCollected ?? 0,
        };
      }),
      successesInWeek: history.successesInWindow,
      lastSuccessBefore: history.lastSuccessBefore,
      firstSuccessAfter: history.firstSuccessAfter,
      firstRunAt: history.firstRunAt,
      skippedRuns: history.skippedRuns,
      skippedReason: history.skippedReason,
    };
  });

  return {
    week,
    extent,
    previousSoFar,
    now,
    hashtags,
    networks: scope.networks,
    weeklyKpis: [-3, -2, -1, 0].map((offset) => {
      const shifted = shiftWeek(week, offset);
      return { week: shifted, kpis: getKpis(db, { start: shifted.start, end: shifted.end }, scope) };
    }),
    days: dayInputs,
    topPostCandidates: getTopPosts(db, window, scope, { by: 'engagements', limit: TOP_POST_CANDIDATES, offset: 0 }).posts,
    topContributors: getTopContributors(db, window, scope, { by: 'posts', limit: REPORT_LIST_LENGTH }),
    firstTime: getFirstTimeContributors(db, window, scope, REPORT_LIST_LENGTH),
    networkSplit: getNetworkBreakdown(db, window, scope),
    runHistory,
  };
}

async function checkExistence(candidates: readonly TopPost[], verify: VerifyPostsExist | undefined, log: Logger | undefined): Promise<ExistenceCheck> {
  if (!verify) return { status: 'not_rechecked' };
  if (candidates.length === 0) return { status: 'checked', confirmed: new Set(), checkedNetworks: new Set() };
  try {
    return { status: 'checked', ...(await verify(candidates)) };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    log?.warn({ err: reason }, 'could not confirm the top posts still exist; the report lists them without quoting their text');
    return { status: 'failed', reason };
  }
}

/**
 * Generates the weekly report for `week` (default: the last complete week; the week in progress is
 * reported so far). Throws FutureWeekError for a week that has not started and InvalidWeekError for
 * a malformed one.
 */
export async function generateWeeklyReport(options: GenerateWeeklyReportOptions): Promise<WeeklyReport> {
  const now = options.now ?? Date.now();
  const { week, extent } = resolveReportWeek(options.week, options.timeZone, now);
  const scope: AnalyticsScope = { networks: options.networks ?? collectedNetworkIds(), hashtag: null };
  const read = () => options.db.transaction(() => gather(options.db, week, extent, scope, options.hashtags, now))();
  let data = read();
  const existence = await checkExistence(data.topPostCandidates, options.verifyPostsExist, options.log);
  // The check purges posts it finds gone: read again, so no number counts a post the report just removed.
  if (existence.status === 'checked' && data.topPostCandidates.some((post) => !existence.confirmed.has(post.id))) data = read();
  const shareables = options.shareableAdoption ? await options.shareableAdoption({ start: week.start, end: week.end }) : null;
  const inWeek = (options.moments ?? []).filter((moment) => Date.parse(moment.at) >= week.start && Date.parse(moment.at) < week.end);
  const moments = measureMoments(options.db, inWeek, now).map((moment) => ({ ...moment, at: new Date(moment.at).toISOString() }));
  const intelligence = gatherIntelligence(options.db, daysOfWeek(week), scope, now, options.intelligence ?? {});
  return buildWeeklyReport({ ...data, existence, shareables, moments, ...intelligence });
}
