// The weekly report's share-of-voice and amplifier sections, read with the same functions as the
// API (reports/share-of-voice, db/amplifiers.ts + core/amplifiers.ts): the week's days against each
// comparator, and the week's top amplifiers by reach.
import { NO_ACCOUNT_MAP, type AccountMap } from '../../core/amplifier-accounts.js';
import { rankAmplifiers } from '../../core/amplifiers.js';
import type { SovFigures } from '../../core/share-of-voice.js';
import type { AnalyticsScope, TimeWindow } from '../../db/analytics-scope.js';
import { getAccountActivity } from '../../db/amplifiers.js';
import type { Db } from '../../db/connection.js';
import { measureShareOfVoice } from '../share-of-voice/measure-share-of-voice.js';

/** Share of voice against one comparator over the report week's collected days. */
export interface ReportVoice {
  tag: string;
  /** Null when none of the week's days was collected for the comparator. */
  total: SovFigures | null;
  /** Days of the week (begun so far) left out because they were not collected. */
  daysLeftOut: number;
  days: number;
}

/** One amplifier of the week (times ISO UTC). */
export interface ReportAmplifier {
  rank: number;
  person: string | null;
  accounts: Array<{ network: string; username: string }>;
  reach: number | null;
  posts: number;
  reposts: number;
  engagements: number;
  readyMadePosts: number;
  firstSeenAt: string;
}

export interface IntelligenceSettings {
  compareHashtags?: readonly string[];
  accountMap?: AccountMap | null;
}

/** How many amplifiers a report lists. */
export const REPORT_AMPLIFIERS = 5;

export function gatherIntelligence(db: Db, days: readonly TimeWindow[], scope: AnalyticsScope, now: number, settings: IntelligenceSettings) {
  const started = days.filter((day) => day.start < now);
  const accountMap = settings.accountMap ?? NO_ACCOUNT_MAP;
  const voices = measureShareOfVoice(db, { buckets: started, scope, comparators: settings.compareHashtags ?? [], now, accountMap });
  const window = { start: days[0]?.start ?? now, end: Math.min(days.at(-1)?.end ?? now, now) };
  const amplifiers = window.end > window.start ? rankAmplifiers(getAccountActivity(db, window, scope), accountMap, 'reach', REPORT_AMPLIFIERS) : [];
  return {
    shareOfVoice: voices.map((voice): ReportVoice => ({ tag: voice.tag, total: voice.total, daysLeftOut: voice.bucketsLeftOut, days: voice.points.length })),
    amplifiers: amplifiers.map(
      (entry): ReportAmplifier => ({ ...entry, accounts: entry.accounts.map(({ network, username }) => ({ network, username })), firstSeenAt: new Date(entry.firstSeenAt).toISOString() }),
    ),
  };
}
