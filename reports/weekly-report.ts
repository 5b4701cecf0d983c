// The weekly engagement summary as numbers: a pure function from what the database said about a
// week (gathered by generate-weekly-report.ts) to the report every renderer draws from. Metric
// definitions come from core/metrics.ts, the module the dashboard uses, so the numbers match.
import { DateTime } from 'luxon';
import {
  ENGAGEMENT_FORMULA_VERSION,
  impressionsOf,
  METRIC_DEFINITIONS_VERSION,
  METRIC_DESCRIPTIONS,
  reportsImpressions,
  type Kpis,
} from '../core/metrics.js';
import { collectedNetworkIds, networkLabel } from '../core/networks.js';
import type { Network, PostKind } from '../core/types.js';
import type { NetworkBreakdownRow } from '../db/analytics.js';
import type { TopContributor, TopPost } from '../db/analytics-top.js';
import type { FirstTimeContributor } from '../db/report-queries.js';
import type { MomentLift } from '../core/moment-lift.js';
import { analyzeNetworkCoverage, type NetworkCoverage, type NetworkRunHistory } from './coverage.js';
import { excerpt } from './excerpt.js';
import { formatChange, formatCount, formatDuration } from './format.js';
import { describeWeekDates, type IsoWeek, type LocalDay } from './iso-week.js';

/** Version of the report's JSON shape; bump when a field changes meaning or disappears. */
export const REPORT_SCHEMA_VERSION = 1;

/** How many top posts, contributors and first-time contributors a report lists. */
export const REPORT_LIST_LENGTH = 5;

/** Longest quoted excerpt of a post's text, in characters. */
export const EXCERPT_LENGTH = 180;

/** Shareable adoption in the week, from whoever tracks it (the shareables module); null until it is tracked. */
export interface ShareableAdoptionInput {
  /** Posts in the week attributed to a shareable. */
  posts: number;
  items: Array<{ id: string; title: string; posts: number }>;
}

/** The outcome of re-checking the top-post candidates with their networks. */
export type ExistenceCheck =
  | { status: 'checked'; confirmed: ReadonlySet<string> }
  | { status: 'not_rechecked' }
  | { status: 'failed'; reason: string };

/** One local day of the report week with its per-day numbers. */
export interface DayInput extends LocalDay {
  posts: number;
  contributors: number;
  potentialReach: number;
  /** Potential reach of everyone who posted from the week's start to the end of this day. */
  cumulativePotentialReach: number;
  engagementsGained: number;
}

/** Everything the report is built from, as the database answered it. */
export interface WeeklyReportData {
  week: IsoWeek;
  /** When the report is generated (ms). */
  now: number;
  hashtags: readonly string[];
  networks: readonly Network[];
  /** KPIs of the report week and the three weeks before it, oldest first (the last is the report week). */
  weeklyKpis: ReadonlyArray<{ week: IsoWeek; kpis: Kpis }>;
  days: readonly DayInput[];
  /** Live posts of the week, best first by engagements, more than the report lists (some may fail the existence check). */
  topPostCandidates: readonly TopPost[];
  existence: ExistenceCheck;
  topContributors: readonly TopContributor[];
  firstTime: { count: number; contributors: readonly FirstTimeContributor[] };
  networkSplit: readonly NetworkBreakdownRow[];
  shareables: ShareableAdoptionInput | null;
  runHistory: readonly NetworkRunHistory[];
  /** Campaign moments of the week with their lift (reports/moments/measure-moments.ts); none when left out. */
  moments?: readonly ReportMoment[];
}

/** A campaign moment in the report: when (ISO UTC), what, which network ('all' or one), and its 48-hour lift. */
export interface ReportMoment {
  at: string;
  what: string;
  network: string;
  lift: MomentLift;
}

export type HeadlineKey = 'posts' | 'contributors' | 'engagements' | 'impressions' | 'potentialReach' | 'engagementRate';

/** One headline number with the week before and the four-week trend. */
export interface HeadlineKpi {
  key: HeadlineKey;
  label: string;
  value: number | null;
  previous: number | null;
  /** (value − previous) / previous; null when it cannot be computed (no previous base, or unknown). */
  change: number | null;
  /** False when collection had not begun by the end of the week before (its zeros mean "no data"). */
  previousCollected: boolean;
  /** Oldest first; the last is this week. `collected` is false for weeks that ended before collection began. */
  trend: Array<{ week: string; value: number | null; collected: boolean }>;
}

export interface ReportPost {
  rank: number;
  network: Network;
  id: string;
  url: string;
  author: { username: string; displayName: string | null; followers: number | null };
  createdAt: string;
  kind: PostKind;
  /** A single-line excerpt of the post's text, or null when it may not be quoted (its existence could not be confirmed). */
  excerpt: string | null;
  engagements: number;
  impressions: number | null;
}

export interface CoverageWarning {
  network: Network;
  /** 'warning': data is missing for good; 'notice': something a reader should know. */
  level: 'warning' | 'notice';
  message: string;
}

export type ShareablesSection =
  | { status: 'not_tracked' }
  | { status: 'tracked'; posts: number; share: number | null; items: Array<{ id: string; title: string; posts: number }> };

/** The weekly engagement summary. Times are ISO-8601 UTC strings; numbers are exact. */
export interface WeeklyReport {
  schemaVersion: number;
  title: string;
  week: { label: string; timeZone: string; start: string; end: string; hours: number; dates: string };
  generatedAt: string;
  hashtags: string[];
  networks: Network[];
  /** No post in scope was created in the week. */
  empty: boolean;
  /** One sentence for the top of the report and the email preview. */
  summary: string;
  kpis: { current: Kpis; previous: Kpis };
  headline: HeadlineKpi[];
  days: Array<{ date: string; start: string; hours: number; posts: number; contributors: number; potentialReach: number; cumulativePotentialReach: number; engagementsGained: number }>;
  topPosts: ReportPost[];
  topContributors: TopContributor[];
  firstTimeContributors: { count: number; contributors: FirstTimeContributor[]; collectionBegan: string | null };
  networkSplit: Array<NetworkBreakdownRow & { share: number | null }>;
  shareables: ShareablesSection;
  /** Campaign moments of the week (from the content file) with their lift. */
  moments: ReportMoment[];
  coverage: { networks: NetworkCoverage[]; warnings: CoverageWarning[]; complete: boolean };
  methodology: {
    definitionsVersion: string;
    engagementFormulaVersion: number;
    definitions: Array<{ term: string; text: string }>;
    notes: string[];
  };
  meta: {
    generator: 'jobquality-tracker';
    /** Whether the quoted top posts were re-checked with their networks just before quoting. */
    topPostsExistence: 'checked' | 'not re-checked' | 'check failed';
    topPostsCheckError: string | null;
    topPostCandidates: number;
  };
}

const iso = (ms: number) => new Date(ms).toISOString();

/** "#a", "#a or #b", "#a, #b or #c". */
function hashtagList(tags: readonly string[], conjunction: 'or' | 'and' = 'or'): string {
  const written = tags.map((tag) => `#${tag}`);
  return written.length <= 1 ? (written[0] ?? '') : `${written.slice(0, -1).join(', ')} ${conjunction} ${written.at(-1)}`;
}

function headlineValue(kpis: Kpis, key: HeadlineKey): number | null {
  switch (key) {
    case 'posts':
      return kpis.posts.total;
    case 'contributors':
      return kpis.contributors;
    case 'engagements':
      return kpis.engagements;
    case 'impressions':
      return kpis.impressions;
    case 'potentialReach':
      return kpis.potentialReach;
    case 'engagementRate':
      return kpis.engagementRate;
  }
}

function headlineLabel(key: HeadlineKey, kpis: Kpis): string {
  // With some networks in scope not reporting impressions, say which ones the numbers come from.
  const only = kpis.impressionsCoverage === 'partial' ? ` (${collectedNetworkIds().filter(reportsImpressions).map(networkLabel).join(', ')} only)` : '';
  switch (key) {
    case 'posts':
      return 'Posts';
    case 'contributors':
      return 'Contributors';
    case 'engagements':
      return 'Engagements';
    case 'impressions':
      return `Impressions${only}`;
    case 'potentialReach':
      return 'Potential reach';
    case 'engagementRate':
      return `Engagement rate${only}`;
  }
}

const HEADLINE_KEYS: readonly HeadlineKey[] = ['posts', 'contributors', 'engagements', 'impressions', 'potentialReach', 'engagementRate'];

function change(value: number | null, previous: number | null): number | null {
  if (value === null || previous === null || previous === 0) return null;
  return (value - previous) / previous;
}

/** The top posts the report may show: confirmed to exist when a check ran, never a removed one. */
function selectTopPosts(candidates: readonly TopPost[], existence: ExistenceCheck): ReportPost[] {
  const eligible = candidates.filter((post) => existence.status !== 'checked' || existence.confirmed.has(post.id));
  return eligible.slice(0, REPORT_LIST_LENGTH).map((post, index) => ({
    rank: index + 1,
    network: post.network,
    id: post.id,
    url: post.url,
    author: post.author,
    createdAt: iso(post.createdAt),
    kind: post.kind,
    excerpt: existence.status === 'failed' || post.text.trim() === '' ? null : excerpt(post.text, EXCERPT_LENGTH),
    engagements: post.engagements,
    impressions: impressionsOf(post.network, post.metrics),
  }));
}

function coverageWarnings(networks: readonly NetworkCoverage[], timeZone: string): CoverageWarning[] {
  const warnings: CoverageWarning[] = [];
  const day = (date: string) => DateTime.fromISO(date, { zone: timeZone }).toFormat('ccc d LLL');
  for (const coverage of networks) {
    const name = networkLabel(coverage.network);
    if (coverage.backfillWarning) warnings.push({ network: coverage.network, level: 'warning', message: coverage.backfillWarning.message });
    if (coverage.status === 'not_collected') {
      const why = coverage.skippedReason ? ` (${coverage.skippedReason})` : '';
      warnings.push({ network: coverage.network, level: 'notice', message: `${name} was not collected${why}: its posts are not in this report.` });
      continue;
    }
    // One sentence per network, so a bad week stays short enough to print.
    const facts: string[] = [];
    if (coverage.collectionBegan) {
      const began = DateTime.fromISO(coverage.collectionBegan, { zone: timeZone }).toFormat('ccc d LLL HH:mm');
      facts.push(`collection began ${began}, so posts from earlier in the week are included only as far as its first run could reach back`);
    }
    if (coverage.daysWithoutSuccess.length > 0) {
      facts.push(
        `no successful collection on ${coverage.daysWithoutSuccess.map(day).join(', ')} ` +
          `(longest stretch without one: ${formatDuration(coverage.longestGapMs)})`,
      );
    }
    if (coverage.failures > 0) facts.push(`${coverage.failures} failed run${coverage.failures === 1 ? '' : 's'} this week`);
    if (facts.length > 0) warnings.push({ network: coverage.network, level: 'notice', message: `${name}: ${facts.join('; ')}.` });
  }
  return warnings;
}

function summarySentence(data: WeeklyReportData, current: Kpis, previous: Kpis | null): string {
  const tags = hashtagList(data.hashtags);
  const dates = describeWeekDates(data.week);
  if (current.posts.total === 0) return `No posts with ${tags} were collected in ${data.week.label} (${dates}).`;
  const people = current.contributors === 1 ? '1 account' : `${formatCount(current.contributors)} accounts`;
  const posts = current.posts.total === 1 ? 'once' : `${formatCount(current.posts.total)} times`;
  const engagementChange = previous ? formatChange(current.engagements, previous.engagements) : 'n/a';
  const versus = engagementChange === 'new' || engagementChange === 'n/a' ? '' : ` (${engagementChange} on the week before)`;
  return (
    `In ${data.week.label} (${dates}), ${people} posted ${posts} with ${tags}, earning ` +
    `${formatCount(current.engagements)} engagements${versus}, with a potential reach of ${formatCount(current.potentialReach)}.`
  );
}

function methodologyNotes(data: WeeklyReportData, existence: ExistenceCheck): string[] {
  const generated = DateTime.fromMillis(data.now, { zone: data.week.timeZone }).toFormat('d LLL yyyy HH:mm');
  const notes = [
    `Weeks are ISO weeks, Monday 00:00 to Monday 00:00 in ${data.week.timeZone}` +
      (data.week.hours === 168 ? '.' : `; this one lasted ${data.week.hours} hours because the clocks changed.`),
    `Posts, engagements and impressions are those of posts created in the week, with their counts as of ${generated}; counts keep growing after a week ends.`,
    'The reach chart shows the potential reach of each day\'s contributors (bars) and of everyone who had posted so far that week (line); its last point is the week\'s potential reach.',
    'First-time contributors: accounts whose first post the tracker has seen was created in this week.',
    'Posts removed from their network are never counted or quoted.',
  ];
  if (existence.status === 'checked') notes.push('Quoted posts were confirmed to still exist on their network when this report was generated.');
  if (existence.status === 'failed') notes.push('Top posts are listed without their text: it could not be confirmed that they still exist.');
  return notes;
}

/** Builds the weekly report from what the database said about the week. Pure: same data, same report. */
export function buildWeeklyReport(data: WeeklyReportData): WeeklyReport {
  const weeks = data.weeklyKpis;
  const current = weeks.at(-1)?.kpis;
  const previous = weeks.at(-2)?.kpis;
  if (!current || !previous) throw new Error('buildWeeklyReport needs the KPIs of the report week and of the week before it');
  const timeZone = data.week.timeZone;
  const firstRuns = data.runHistory.map((history) => history.firstRunAt).filter((at): at is number => at !== null);
  const collectionStart = firstRuns.length > 0 ? Math.min(...firstRuns) : null;
  const collectedBy = (end: number) => collectionStart !== null && collectionStart < end;
  const previousCollected = collectedBy(weeks.at(-2)!.week.end);

  const headline = HEADLINE_KEYS.map((key): HeadlineKpi => {
    const value = headlineValue(current, key);
    const before = headlineValue(previous, key);
    return {
      key,
      label: headlineLabel(key, current),
      value,
      previous: before,
      change: previousCollected ? change(value, before) : null,
      previousCollected,
      trend: weeks.map((entry) => ({ week: entry.week.label, value: headlineValue(entry.kpis, key), collected: collectedBy(entry.week.end) })),
    };
  });

  const coverage = data.runHistory.map((history) =>
    analyzeNetworkCoverage(history, { weekStart: data.week.start, weekEnd: data.week.end, timeZone, now: data.now }),
  );
  const warnings = coverageWarnings(coverage, timeZone);
  const totalPosts = current.posts.total;

  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    title: `${hashtagList(data.hashtags, 'and')} weekly report`,
    week: {
      label: data.week.label,
      timeZone,
      start: iso(data.week.start),
      end: iso(data.week.end),
      hours: data.week.hours,
      dates: describeWeekDates(data.week),
    },
    generatedAt: iso(data.now),
    hashtags: [...data.hashtags],
    networks: [...data.networks],
    empty: totalPosts === 0,
    summary: summarySentence(data, current, previousCollected ? previous : null),
    kpis: { current, previous },
    headline,
    days: data.days.map((day) => ({
      date: day.date,
      start: iso(day.start),
      hours: Math.round((day.end - day.start) / 3_600_000),
      posts: day.posts,
      contributors: day.contributors,
      potentialReach: day.potentialReach,
      cumulativePotentialReach: day.cumulativePotentialReach,
      engagementsGained: day.engagementsGained,
    })),
    topPosts: selectTopPosts(data.topPostCandidates, data.existence),
    topContributors: data.topContributors.slice(0, REPORT_LIST_LENGTH),
    firstTimeContributors: {
      count: data.firstTime.count,
      contributors: data.firstTime.contributors.slice(0, REPORT_LIST_LENGTH),
      // Everyone is "first-time" in the weeks collection began: say so rather than celebrate it.
      collectionBegan: collectionStart !== null && collectionStart >= data.week.start ? iso(collectionStart) : null,
    },
    networkSplit: data.networkSplit.map((row) => ({ ...row, share: totalPosts === 0 ? null : row.posts / totalPosts })),
    moments: [...(data.moments ?? [])],
    shareables: data.shareables
      ? {
          status: 'tracked',
          posts: data.shareables.posts,
          share: totalPosts === 0 ? null : data.shareables.posts / totalPosts,
          items: [...data.shareables.items].sort((a, b) => b.posts - a.posts).slice(0, REPORT_LIST_LENGTH),
        }
      : { status: 'not_tracked' },
    coverage: {
      networks: coverage,
      warnings,
      complete: coverage.every((network) => network.status === 'not_collected' || (network.daysWithoutSuccess.length === 0 && !network.backfillWarning)),
    },
    methodology: {
      definitionsVersion: METRIC_DEFINITIONS_VERSION,
      engagementFormulaVersion: ENGAGEMENT_FORMULA_VERSION,
      definitions: [
        { term: 'Posts', text: METRIC_DESCRIPTIONS.posts },
        { term: 'Contributors', text: METRIC_DESCRIPTIONS.contributors },
        { term: 'Engagements', text: METRIC_DESCRIPTIONS.engagements },
        { term: 'Impressions', text: METRIC_DESCRIPTIONS.impressions },
        { term: 'Potential reach', text: METRIC_DESCRIPTIONS.potentialReach },
        { term: 'Engagement rate', text: METRIC_DESCRIPTIONS.engagementRate },
      ],
      notes: methodologyNotes(data, data.existence),
    },
    meta: {
      generator: 'jobquality-tracker',
      topPostsExistence: data.existence.status === 'checked' ? 'checked' : data.existence.status === 'failed' ? 'check failed' : 'not re-checked',
      topPostsCheckError: data.existence.status === 'failed' ? data.existence.reason : null,
      topPostCandidates: data.topPostCandidates.length,
    },
  };
}
