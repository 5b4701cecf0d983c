// Surge (and sudden-stop) detection for one hour of campaign activity against what is normal for
// that hour of the week: pure maths on numbers the caller read, so it is tested without a database.
import { DateTime } from 'luxon';

export const HOUR_MS = 3_600_000;
export const WEEK_MS = 7 * 24 * HOUR_MS;

/** What an alert watches, per hour. */
export type AlertMetric = 'posts' | 'engagements' | 'new_contributors';
export const ALERT_METRICS: readonly AlertMetric[] = ['posts', 'engagements', 'new_contributors'];

export type SurgeDirection = 'surge' | 'stop';

export const METRIC_LABELS: Record<AlertMetric, string> = {
  posts: 'posts',
  engagements: 'engagements gained',
  new_contributors: 'new contributors',
};

export interface SurgeRules {
  /** Baseline weeks that must have been collected before anything is judged (fewer: no alert). */
  minBaselineWeeks: number;
  /** Robust z-score (against median and MAD) an hour must pass. */
  threshold: number;
  /**
   * Per metric, the least volume that can alert: a surge needs the hour itself to reach it, a stop
   * needs the usual (median) hour to reach it. A quiet hashtag going from 1 to 4 posts is not news.
   */
  minVolume: Record<AlertMetric, number>;
}

export const DEFAULT_SURGE_RULES: SurgeRules = {
  minBaselineWeeks: 3,
  threshold: 4,
  minVolume: { posts: 10, engagements: 50, new_contributors: 5 },
};

/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median of an empty list');
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Median absolute deviation from the median. */
export function medianAbsoluteDeviation(values: readonly number[]): number {
  const centre = median(values);
  return median(values.map((value) => Math.abs(value - centre)));
}

/**
 * The spread used to judge an hour: 1.4826 × MAD (the standard deviation for normal data), but never
 * below √median (the spread of counts arriving at random at that rate) nor below 1, so a baseline
 * of identical weeks does not make every small wobble an alert.
 */
export function robustSpread(values: readonly number[]): number {
  const centre = median(values);
  return Math.max(1.4826 * medianAbsoluteDeviation(values), Math.sqrt(Math.max(centre, 0)), 1);
}

export interface SurgeJudgement {
  direction: SurgeDirection;
  value: number;
  baselineMedian: number;
  baselineWeeks: number;
  /** (value − median) / spread. */
  score: number;
}

/**
 * Whether `value` (one hour) is a surge or a stop against `baseline` (the same hour of the week in
 * previous weeks that were collected). Null when normal, or when the baseline is too thin to say.
 */
export function judgeHour(metric: AlertMetric, value: number, baseline: readonly number[], rules: SurgeRules = DEFAULT_SURGE_RULES): SurgeJudgement | null {
  if (baseline.length < rules.minBaselineWeeks || baseline.length === 0) return null;
  const centre = median(baseline);
  const score = (value - centre) / robustSpread(baseline);
  const minVolume = rules.minVolume[metric];
  const base = { value, baselineMedian: centre, baselineWeeks: baseline.length, score: Math.round(score * 100) / 100 };
  if (score >= rules.threshold && value >= minVolume) return { direction: 'surge', ...base };
  if (score <= -rules.threshold && centre >= minVolume) return { direction: 'stop', ...base };
  return null;
}

/** The key that makes one surge alert once: metric, direction and the hour's start. */
export function alertKey(metric: AlertMetric, direction: SurgeDirection, hourStart: number): string {
  return `${metric}:${direction}:${new Date(hourStart).toISOString()}`;
}

/** Quiet hours as local hours [from, to): "22-07" holds from 22:00 to 07:00. */
export interface QuietHours {
  from: number;
  to: number;
}

/** Parses "22-07" (hours 0-23); throws with a message naming the expected form. */
export function parseQuietHours(value: string): QuietHours {
  const match = /^\s*(\d{1,2})\s*-\s*(\d{1,2})\s*$/.exec(value);
  const from = Number(match?.[1]);
  const to = Number(match?.[2]);
  if (!match || from > 23 || to > 23 || from === to) throw new Error(`"${value}" is not a range of two different hours 0-23 such as 22-07`);
  return { from, to };
}

/** Whether `at` falls in the quiet hours, read on the clock of `timeZone`. */
export function isQuietTime(at: number, quiet: QuietHours | null, timeZone: string): boolean {
  if (!quiet) return false;
  const hour = DateTime.fromMillis(at, { zone: timeZone }).hour;
  return quiet.from < quiet.to ? hour >= quiet.from && hour < quiet.to : hour >= quiet.from || hour < quiet.to;
}

/** Start of the local calendar day holding `at` (for the daily cap). */
export function startOfLocalDay(at: number, timeZone: string): number {
  return DateTime.fromMillis(at, { zone: timeZone }).startOf('day').toMillis();
}

/** What an alert tells staff beyond the numbers: who and what drove the hour. */
export interface AlertDrivers {
  topPosts: Array<{ network: string; url: string; author: string; text: string; engagements: number; readyMade: boolean }>;
  topContributors: Array<{ network: string; username: string; posts: number; engagements: number }>;
  /** Posts in the hour attributed to one of the campaign's ready-made posts. */
  readyMadePosts: number;
}

export interface AlertFacts extends SurgeJudgement, AlertDrivers {
  metric: AlertMetric;
  hourStart: number;
}

function signedPercent(value: number, centre: number): string {
  if (centre === 0) return 'from none usually';
  const change = Math.round(((value - centre) / centre) * 100);
  return `${change >= 0 ? '+' : ''}${change}%`;
}

/** One plain-text message (no markup: post text is untrusted) saying what moved, by how much and why. */
export function describeAlert(facts: AlertFacts, timeZone: string): string {
  const hour = DateTime.fromMillis(facts.hourStart, { zone: timeZone });
  const when = `${hour.toFormat('ccc d LLL yyyy, HH:mm')}–${hour.plus({ hours: 1 }).toFormat('HH:mm')} (${timeZone})`;
  const what = METRIC_LABELS[facts.metric];
  const headline =
    facts.direction === 'surge'
      ? `Surge in ${what}: ${facts.value} in the hour ${when}, against a usual ${facts.baselineMedian} (${signedPercent(facts.value, facts.baselineMedian)}; median of the same hour in ${facts.baselineWeeks} collected weeks).`
      : `Sudden stop in ${what}: ${facts.value} in the hour ${when}, against a usual ${facts.baselineMedian} (${signedPercent(facts.value, facts.baselineMedian)}; median of the same hour in ${facts.baselineWeeks} collected weeks).`;
  const lines = [headline];
  lines.push(
    facts.readyMadePosts > 0
      ? `${facts.readyMadePosts} post${facts.readyMadePosts === 1 ? '' : 's'} in the hour used the campaign's ready-made posts.`
      : "No post in the hour used the campaign's ready-made posts.",
  );
  if (facts.topPosts.length > 0) {
    lines.push('Top posts:');
    for (const post of facts.topPosts) {
      const excerpt = post.text.length > 120 ? `${post.text.slice(0, 119)}…` : post.text;
      lines.push(`- @${post.author} (${post.network}, ${post.engagements} engagements${post.readyMade ? ', ready-made' : ''}): ${excerpt.replace(/\s+/g, ' ')} ${post.url}`);
    }
  }
  if (facts.topContributors.length > 0) {
    lines.push(`Most active: ${facts.topContributors.map((c) => `@${c.username} (${c.network}, ${c.posts} post${c.posts === 1 ? '' : 's'})`).join(', ')}.`);
  }
  return lines.join('\n');
}
