// The weekly engagement summary as numbers: a pure function from what the database said about a
// week (gathered by generate-weekly-report.ts) to the report every renderer draws from. Its headline
// rows and definitions come from core/kpi-catalogue.ts, the catalogue the dashboard reads, so the
// numbers and their meanings match.
import { DateTime } from 'luxon';
import { KPI_CATALOGUE, kpiValue, type KpiDefinition, type KpiFormat, type KpiId } from '../core/kpi-catalogue.js';
import { ENGAGEMENT_FORMULA_VERSION, impressionsOf, METRIC_DEFINITIONS_VERSION, reportsImpressions, type Kpis } from '../core/metrics.js';
import { collectedNetworkIds, collectionTraits, networkLabel } from '../core/networks.js';
import type { Network } from '../core/types.js';
import type { NetworkBreakdownRow } from '../db/analytics.js';
import type { TopContributor, TopPost } from '../db/analytics-top.js';
import type { FirstTimeContributor } from '../db/report-queries.js';
import type { MomentLift } from '../core/moment-lift.js';
import type { ReportAmplifier, ReportVoice } from './intelligence/gather-intelligence.js';
import { analyzeNetworkCoverage, type NetworkCoverage, type NetworkRunHistory } from './coverage.js';
import { excerpt } from './excerpt.js';
import { formatChange, formatCount, formatDuration, formatExact } from './format.js';
import { describeWeekDates, type IsoWeek, type LocalDay } from './iso-week.js';

/** Version of the report's JSON shape; bump when a field changes meaning or disappears. */
export const REPORT_SCHEMA_VERSION = 2;

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

/**
 * The outcome of re-checking the top-post candidates with their networks. When the check ran, a post
 * of a network in `checkedNetworks` that is not `confirmed` is gone; a post of any other network
 * (not configured, or its check failed) was not re-checked.
 */
export type ExistenceCheck =
  | { status: 'checked'; confirmed: ReadonlySet<string>; checkedNetworks: ReadonlySet<Network> }
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

/** How much of the week the report covers: all of it, or the part that has happened so far. */
export type WeekExtent = { complete: true } | { complete: false; through: number };

/** Everything the report is built from, as the database answered it. */
export interface WeeklyReportData {
  week: IsoWeek;
  /** A report of the week in progress covers it up to `through` (the generation time) and compares with the same part of the week before. */
  extent: WeekExtent;
  /** When the report is generated (ms). */
  now: number;
  hashtags: readonly string[];
  networks: readonly Network[];
  /**
   * KPIs of the report week and the three weeks before it, oldest first (the last is the report week).
   * For a week in progress, `previousSoFar` holds the week before up to the same local time.
   */
  weeklyKpis: ReadonlyArray<{ week: IsoWeek; kpis: Kpis }>;
  previousSoFar?: Kpis;
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
  /** Share of voice against each comparator hashtag (COMPARE_HASHTAGS); none when none is configured. */
  shareOfVoice?: readonly ReportVoice[];
  /** The week's top amplifiers by reach; none when left out. */
  amplifiers?: readonly ReportAmplifier[];
}

/** A campaign moment in the report: when (ISO UTC), what, which network ('all' or one), and its 48-hour lift. */
export interface ReportMoment {
  at: string;
  what: string;
  network: string;
  lift: MomentLift;
}

/** One headline number with the week before and the four-week trend; one per KPI of the catalogue. */
export interface HeadlineKpi {
  key: KpiId;
  label: string;
  /** How the number is written (the catalogue's format): a count, or a ratio shown as a percentage. */
  format: KpiFormat;
  /** Whether a rise is good news (the catalogue's), so renderers colour a change by what it means. */
  higherIsBetter: boolean;
  value: number | null;
  previous: number | null;
  /** (value − previous) / previous; null when it cannot be computed (no previous base, or unknown). */
  change: number | null;
  /** False when collection had not begun by the end of the week before (its zeros mean "no data"). */
  previousCollected: boolean;
  /** The previous value is the week before up to the same point (a report of the week in progress). */
  previousSoFar: boolean;
  /** Oldest first; the last is this week. `collected` is false for weeks that ended before collection began. */
  trend: Array<{ week: string; value: number | null; collected: boolean }>;
}

/** A top post as the report lists it: the ranked post's link, author and numbers, with what may be quoted of it. */
export interface ReportPost extends Pick<TopPost, 'network' | 'id' | 'url' | 'author' | 'kind' | 'engagements'> {
  rank: number;
  /** ISO UTC. */
  createdAt: string;
  /** A single-line excerpt of the post's text, or null when it may not be quoted (its existence was not confirmed). */
  excerpt: string | null;
  /** 'confirmed': its network said it still exists just now; 'not re-checked': it could not be asked (text withheld). */
  existence: 'confirmed' | 'not re-checked';
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
  week: {
    label: string;
    timeZone: string;
    start: string;
    end: string;
    hours: number;
    dates: string;
    /** False for a week-to-date report of the week in progress. */
    complete: boolean;
    /** The end of what a week-to-date report covers (ISO UTC); null for a complete week. */
    through: string | null;
    /** "2026-W49" or "2026-W49, week to date (to Wed 2 Dec 10:15)". */
    heading: string;
  };
  generatedAt: string;
  hashtags: string[];
  networks: Network[];
  /** No post in scope was created in the week. */
  empty: boolean;
  /** One sentence for the top of the report and the email preview. */
  summary: string;
  kpis: { current: Kpis; previous: Kpis };
  headline: HeadlineKpi[];
  /** Days not yet begun in a week-to-date report have `status: 'future'` and null numbers; the running day is 'so_far'. */
  days: Array<{
    date: string;
    start: string;
    hours: number;
    status: 'complete' | 'so_far' | 'future';
    posts: number | null;
    contributors: number | null;
    potentialReach: number | null;
    cumulativePotentialReach: number | null;
    engagementsGained: number | null;
  }>;
  topPosts: ReportPost[];
  topContributors: TopContributor[];
  firstTimeContributors: { count: number; contributors: FirstTimeContributor[]; collectionBegan: string | null };
  networkSplit: Array<NetworkBreakdownRow & { share: number | null }>;
  shareables: ShareablesSection;
  /** Campaign moments of the week (from the content file) with their lift. */
  moments: ReportMoment[];
  /** The campaign's share of voice against each comparator hashtag, over the week's collected days. */
  shareOfVoice: ReportVoice[];
  /** The week's top amplifiers (one person's mapped accounts once), by reach. */
  amplifiers: ReportAmplifier[];
  coverage: { networks: NetworkCoverage[]; warnings: CoverageWarning[]; complete: boolean };
  methodology: {
    definitionsVersion: string;
    engagementFormulaVersion: number;
    definitions: Array<{ term: string; text: string }>;
    notes: string[];
  };
  meta: {
    generator: 'jobquality-tracker';
    /** Whether the top posts were re-checked with their networks just before quoting: all, some (others not re-checked), none, or the check failed. */
    topPostsExistence: 'checked' | 'partly checked' | 'not re-checked' | 'check failed';
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

/** The KPI's name in the report; one counted only where impressions are reported says which networks those are. */
function headlineLabel(definition: KpiDefinition, kpis: Kpis): string {
  if (!definition.needsImpressions || kpis.impressionsCoverage !== 'partial') return definition.label;
  return `${definition.label} (${collectedNetworkIds().filter(reportsImpressions).map(networkLabel).join(', ')} only)`;
}

function change(value: number | null, previous: number | null): number | null {
  if (value === null || previous === null || previous === 0) return null;
  return (value - previous) / previous;
}

/** Whether the check found `post` gone (its network answered, and not with this post). */
function foundGone(post: TopPost, existence: ExistenceCheck): boolean {
  return existence.status === 'checked' && existence.checkedNetworks.has(post.network) && !existence.confirmed.has(post.id);
}

function isConfirmed(post: TopPost, existence: ExistenceCheck): boolean {
  return existence.status === 'checked' && existence.confirmed.has(post.id);
}

/**
 * The top posts the report shows: never one its network just said is gone. A post that could not be
 * re-checked is still listed (link, author, numbers) with its text withheld.
 */
function selectTopPosts(candidates: readonly TopPost[], existence: ExistenceCheck): ReportPost[] {
  const eligible = candidates.filter((post) => !foundGone(post, existence));
  return eligible.slice(0, REPORT_LIST_LENGTH).map((post, index) => ({
    rank: index + 1,
    network: post.network,
    id: post.id,
    url: post.url,
    author: post.author,
    createdAt: iso(post.createdAt),
    kind: post.kind,
    excerpt: !isConfirmed(post, existence) || post.text.trim() === '' ? null : excerpt(post.text, EXCERPT_LENGTH),
    existence: isConfirmed(post, existence) ? ('confirmed' as const) : ('not re-checked' as const),
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
    if (coverage.status === 'backfilled') {
      const posts = `${formatExact(coverage.postsInWeek)} post${coverage.postsInWeek === 1 ? '' : 's'}`;
      const began = coverage.collectionBegan ? `collection began ${DateTime.fromISO(coverage.collectionBegan, { zone: timeZone }).toFormat('ccc d LLL HH:mm')}, after this week` : 'no collection run is recorded for this week';
      const reach = collectionTraits(coverage.network).backfillLimitMs;
      const limit = reach === null ? 'it pages back without a time limit' : `it reaches back only ${formatDuration(reach)}`;
      warnings.push({
        network: coverage.network,
        level: 'notice',
        message: `${name}: ${began}; its ${posts} from this week were collected afterwards by reaching back (${limit}), so earlier posts may be missing.`,
      });
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
    if (coverage.skippedRuns > 0 && coverage.successes === 0) facts.push(`runs were skipped${coverage.skippedReason ? ` (${coverage.skippedReason})` : ''}`);
    if (facts.length > 0) warnings.push({ network: coverage.network, level: 'notice', message: `${name}: ${facts.join('; ')}.` });
  }
  return warnings;
}

/** "Wed 2 Dec 10:15": the end of a week-to-date report, in the report time zone. */
function throughLabel(through: number, timeZone: string): string {
  return DateTime.fromMillis(through, { zone: timeZone }).toFormat('ccc d LLL HH:mm');
}

function summarySentence(data: WeeklyReportData, current: Kpis, previous: Kpis | null): string {
  const tags = hashtagList(data.hashtags);
  const dates = describeWeekDates(data.week);
  const soFar = data.extent.complete ? null : throughLabel(data.extent.through, data.week.timeZone);
  const period = soFar ? `${data.week.label} so far (${dates}, up to ${soFar})` : `${data.week.label} (${dates})`;
  if (current.posts.total === 0) return `No posts with ${tags} were collected in ${period}.`;
  const people = current.contributors === 1 ? '1 account' : `${formatCount(current.contributors)} accounts`;
  const posts = current.posts.total === 1 ? 'once' : `${formatCount(current.posts.total)} times`;
  const engagementChange = previous ? formatChange(current.engagements, previous.engagements) : 'n/a';
  const before = soFar ? 'the same point of the week before' : 'the week before';
  const versus = engagementChange === 'new' || engagementChange === 'n/a' ? '' : ` (${engagementChange} on ${before})`;
  return (
    `In ${period}, ${people} posted ${posts} with ${tags}, earning ` +
    `${formatCount(current.engagements)} engagements${versus}, with a potential reach of ${formatCount(current.potentialReach)}.`
  );
}

function methodologyNotes(data: WeeklyReportData, existence: ExistenceCheck, topPosts: readonly ReportPost[]): string[] {
  const generated = DateTime.fromMillis(data.now, { zone: data.week.timeZone }).toFormat('d LLL yyyy HH:mm');
  const notes = [
    `Weeks are ISO weeks, Monday 00:00 to Monday 00:00 in ${data.week.timeZone}` +
      (data.week.hours === 168 ? '.' : `; this one lasted ${data.week.hours} hours because the clocks changed.`),
  ];
  if (!data.extent.complete) {
    notes.push(
      `This is a week-to-date report: it covers the week up to ${throughLabel(data.extent.through, data.week.timeZone)}, and each change compares with ` +
        'the week before up to the same day and time. The scheduled report on Monday covers the whole week.',
    );
  }
  notes.push(
    `Posts, engagements and impressions are those of posts created in the week, with their counts as of ${generated}; counts keep growing after a week ends.`,
    'The reach chart shows the potential reach of each day\'s contributors (bars) and of everyone who had posted so far that week (line); its last point is the week\'s potential reach.',
    'First-time contributors: accounts whose first post the tracker has seen was created in this week.',
    'Posts removed from their network are never counted or quoted.',
  );
  const confirmed = topPosts.filter((post) => post.existence === 'confirmed').length;
  const unchecked = topPosts.filter((post) => post.existence === 'not re-checked');
  // "Confirmed" only where a check ran and its network answered.
  if (confirmed > 0) {
    notes.push(
      confirmed === topPosts.length
        ? 'The top posts were confirmed to still exist on their network when this report was generated; only confirmed posts are quoted.'
        : `${confirmed} of the ${topPosts.length} top posts were confirmed to still exist on their network when this report was generated; only those are quoted.`,
    );
  }
  if (unchecked.length > 0) {
    const networks = [...new Set(unchecked.map((post) => networkLabel(post.network)))];
    const why =
      existence.status === 'failed'
        ? `the check failed (${existence.reason})`
        : existence.status === 'not_rechecked'
          ? 'no check was made'
          : `${hashtagList(networks, 'and').replace(/#/g, '')} could not be asked (not configured, or the check did not succeed)`;
    notes.push(
      `Posts marked "not re-checked" (${unchecked.length}) are listed with their link, author and numbers but without their text: ${why}, so it is not known that they still exist.`,
    );
  }
  return notes;
}

/** The KPIs the report compares, and whether collection had begun by the end of the earlier period (its zeros mean "no data" otherwise). */
interface Comparison {
  current: Kpis;
  previous: Kpis;
  previousCollected: boolean;
  /** A week in progress compares with the week before up to the same local day and time. */
  soFar: boolean;
}

/** The earliest run of any network (ms), or null when nothing has run yet. */
function collectionStartOf(data: WeeklyReportData): number | null {
  const firstRuns = data.runHistory.map((history) => history.firstRunAt).filter((at): at is number => at !== null);
  return firstRuns.length > 0 ? Math.min(...firstRuns) : null;
}

/** Whether collection had begun before `end`. */
const collectedBefore = (collectionStart: number | null, end: number) => collectionStart !== null && collectionStart < end;

/** The end of what the report covers: the week's end, or the generation time for a week in progress. */
const coveredUntil = (data: WeeklyReportData) => (data.extent.complete ? data.week.end : data.extent.through);

function comparisonOf(data: WeeklyReportData, collectionStart: number | null): Comparison {
  const weeks = data.weeklyKpis;
  const current = weeks.at(-1)?.kpis;
  const soFar = !data.extent.complete;
  const previous = soFar ? data.previousSoFar : weeks.at(-2)?.kpis;
  if (!current || !previous) throw new Error('buildWeeklyReport needs the KPIs of the report week and of the week before it (so far, for a week in progress)');
  const previousEnd = data.extent.complete
    ? weeks.at(-2)!.week.end
    : DateTime.fromMillis(coveredUntil(data), { zone: data.week.timeZone }).minus({ weeks: 1 }).toMillis();
  return { current, previous, soFar, previousCollected: collectedBefore(collectionStart, previousEnd) };
}

/** One headline row per KPI of the catalogue, in its order: adding a KPI there adds it here. */
function headlineKpis(data: WeeklyReportData, comparison: Comparison, collectionStart: number | null): HeadlineKpi[] {
  const { current, previous, previousCollected, soFar } = comparison;
  return KPI_CATALOGUE.map((definition): HeadlineKpi => {
    const value = kpiValue(current, definition.id);
    const before = kpiValue(previous, definition.id);
    return {
      key: definition.id,
      label: headlineLabel(definition, current),
      format: definition.format,
      higherIsBetter: definition.higherIsBetter,
      value,
      previous: before,
      change: previousCollected ? change(value, before) : null,
      previousCollected,
      previousSoFar: soFar,
      trend: data.weeklyKpis.map((entry) => ({
        week: entry.week.label,
        value: kpiValue(entry.kpis, definition.id),
        collected: collectedBefore(collectionStart, entry.week.end),
      })),
    };
  });
}

function weekSection(data: WeeklyReportData): WeeklyReport['week'] {
  const timeZone = data.week.timeZone;
  return {
    label: data.week.label,
    timeZone,
    start: iso(data.week.start),
    end: iso(data.week.end),
    hours: data.week.hours,
    dates: describeWeekDates(data.week),
    complete: data.extent.complete,
    through: data.extent.complete ? null : iso(data.extent.through),
    heading: data.extent.complete ? data.week.label : `${data.week.label}, week to date (to ${throughLabel(data.extent.through, timeZone)})`,
  };
}

function daysSection(data: WeeklyReportData): WeeklyReport['days'] {
  const through = coveredUntil(data);
  return data.days.map((day) => {
    const status = day.start >= through ? 'future' : day.end > through ? 'so_far' : 'complete';
    // Days still to come have no numbers (never zeros).
    const value = (n: number) => (status === 'future' ? null : n);
    return {
      date: day.date,
      start: iso(day.start),
      hours: Math.round((day.end - day.start) / 3_600_000),
      status,
      posts: value(day.posts),
      contributors: value(day.contributors),
      potentialReach: value(day.potentialReach),
      cumulativePotentialReach: value(day.cumulativePotentialReach),
      engagementsGained: value(day.engagementsGained),
    };
  });
}

function shareablesSection(shareables: ShareableAdoptionInput | null, totalPosts: number): ShareablesSection {
  if (!shareables) return { status: 'not_tracked' };
  return {
    status: 'tracked',
    posts: shareables.posts,
    share: totalPosts === 0 ? null : shareables.posts / totalPosts,
    items: [...shareables.items].sort((a, b) => b.posts - a.posts).slice(0, REPORT_LIST_LENGTH),
  };
}

function coverageSection(data: WeeklyReportData): WeeklyReport['coverage'] {
  const networks = data.runHistory.map((history) =>
    analyzeNetworkCoverage(history, {
      weekStart: data.week.start,
      weekEnd: data.week.end,
      timeZone: data.week.timeZone,
      now: data.now,
      postsInWeek: data.networkSplit.find((row) => row.network === history.network)?.posts ?? 0,
    }),
  );
  return {
    networks,
    warnings: coverageWarnings(networks, data.week.timeZone),
    complete: networks.every((network) => network.status === 'not_collected' || (network.daysWithoutSuccess.length === 0 && !network.backfillWarning)),
  };
}

function methodologySection(data: WeeklyReportData, topPosts: readonly ReportPost[]): WeeklyReport['methodology'] {
  return {
    definitionsVersion: METRIC_DEFINITIONS_VERSION,
    engagementFormulaVersion: ENGAGEMENT_FORMULA_VERSION,
    definitions: KPI_CATALOGUE.map((definition) => ({ term: definition.label, text: definition.definition })),
    notes: methodologyNotes(data, data.existence, topPosts),
  };
}

/** Whether the listed top posts were re-checked: all, some, none, or the check failed. */
function topPostsExistence(existence: ExistenceCheck, topPosts: readonly ReportPost[]): WeeklyReport['meta']['topPostsExistence'] {
  if (existence.status === 'failed') return 'check failed';
  if (topPosts.length > 0 && topPosts.every((post) => post.existence === 'confirmed')) return 'checked';
  if (topPosts.some((post) => post.existence === 'confirmed')) return 'partly checked';
  return existence.status === 'checked' && topPosts.length === 0 ? 'checked' : 'not re-checked';
}

/** Builds the weekly report from what the database said about the week. Pure: same data, same report. */
export function buildWeeklyReport(data: WeeklyReportData): WeeklyReport {
  const collectionStart = collectionStartOf(data);
  const comparison = comparisonOf(data, collectionStart);
  const { current, previous, previousCollected } = comparison;
  const topPosts = selectTopPosts(data.topPostCandidates, data.existence);
  const totalPosts = current.posts.total;
  return {
    schemaVersion: REPORT_SCHEMA_VERSION,
    title: `${hashtagList(data.hashtags, 'and')} weekly report`,
    week: weekSection(data),
    generatedAt: iso(data.now),
    hashtags: [...data.hashtags],
    networks: [...data.networks],
    empty: totalPosts === 0,
    summary: summarySentence(data, current, previousCollected ? previous : null),
    kpis: { current, previous },
    headline: headlineKpis(data, comparison, collectionStart),
    days: daysSection(data),
    topPosts,
    topContributors: data.topContributors.slice(0, REPORT_LIST_LENGTH),
    firstTimeContributors: {
      count: data.firstTime.count,
      contributors: data.firstTime.contributors.slice(0, REPORT_LIST_LENGTH),
      // Everyone is "first-time" in the weeks collection began: say so rather than celebrate it.
      collectionBegan: collectionStart !== null && collectionStart >= data.week.start ? iso(collectionStart) : null,
    },
    networkSplit: data.networkSplit.map((row) => ({ ...row, share: totalPosts === 0 ? null : row.posts / totalPosts })),
    moments: [...(data.moments ?? [])],
    shareOfVoice: [...(data.shareOfVoice ?? [])],
    amplifiers: [...(data.amplifiers ?? [])],
    shareables: shareablesSection(data.shareables, totalPosts),
    coverage: coverageSection(data),
    methodology: methodologySection(data, topPosts),
    meta: {
      generator: 'jobquality-tracker',
      topPostsExistence: topPostsExistence(data.existence, topPosts),
      topPostsCheckError: data.existence.status === 'failed' ? data.existence.reason : null,
      topPostCandidates: data.topPostCandidates.length,
    },
  };
}
