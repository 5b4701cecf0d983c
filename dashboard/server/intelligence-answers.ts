// The share-of-voice and amplifier answers as the API, the CSV downloads and the app read them:
// every time ISO-8601 UTC, shares as fractions 0..1 (four decimals), null where nothing may be said.
export type { IntelligenceSettings } from '../../reports/intelligence/gather-intelligence.js';
import { NO_ACCOUNT_MAP, type AccountMap } from '../../core/amplifier-accounts.js';
import { rankAmplifiers, type Amplifier, type AmplifierOrder } from '../../core/amplifiers.js';
import type { ComparatorVoice, SovFigures } from '../../core/share-of-voice.js';
import type { CsvCell } from '../../core/table-csv.js';
import { AMPLIFIERS_DOWNLOAD_COLUMNS, SHARE_OF_VOICE_DOWNLOAD_COLUMNS } from '../contract/downloads.js';
import { getRankableActivity } from '../../db/amplifiers.js';
import type { Db } from '../../db/connection.js';
import type { IntelligenceSettings } from '../../reports/intelligence/gather-intelligence.js';
import { measureShareOfVoice } from '../../reports/share-of-voice/measure-share-of-voice.js';
import type { Filters } from './query-params.js';
import { bucketsFor, isoUtc, localDate, type Interval } from './time-range.js';
import { startedBuckets } from './coverage-answers.js';

/** Share of voice against each configured comparator over the range's started buckets. */
export function measureVoices(db: Db, filters: Filters, interval: Extract<Interval, 'day' | 'week'>, settings: IntelligenceSettings, timeZone: string, now: number): ComparatorVoice[] {
  const buckets = startedBuckets(bucketsFor(filters.range, interval, timeZone), now);
  return measureShareOfVoice(db, { buckets, scope: filters.scope, comparators: settings.compareHashtags ?? [], now, accountMap: settings.accountMap ?? NO_ACCOUNT_MAP });
}

/** The JSON answer's body: every time ISO-8601 UTC. */
export function shareOfVoiceJson(voices: readonly ComparatorVoice[], settings: IntelligenceSettings) {
  return {
    comparators: [...(settings.compareHashtags ?? [])],
    // People are accounts unless the account map says which accounts are one person's.
    peopleAre: settings.accountMap ? ('people (mapped accounts counted once)' as const) : ('accounts' as const),
    voices: voices.map((voice) => ({
      tag: voice.tag,
      collectedSince: voice.collectedSince === null ? null : isoUtc(voice.collectedSince),
      bucketsLeftOut: voice.bucketsLeftOut,
      total: voice.total,
      points: voice.points.map((point) => ({ start: isoUtc(point.start), end: isoUtc(point.end), status: point.status, figures: point.figures })),
    })),
  };
}

/** The range's amplifiers, ranked, with one person's mapped accounts merged. */
export function rankedAmplifiers(db: Db, filters: Filters, page: { by: AmplifierOrder; limit: number }, accountMap: AccountMap | null): Amplifier[] {
  const map = accountMap ?? NO_ACCOUNT_MAP;
  return rankAmplifiers(getRankableActivity(db, filters.range, filters.scope, page, map), map, page.by, page.limit);
}

export const SHARE_OF_VOICE_CSV_COLUMNS = SHARE_OF_VOICE_DOWNLOAD_COLUMNS;

type SovCsvRow = Record<(typeof SHARE_OF_VOICE_CSV_COLUMNS)[number], CsvCell>;

function figureCells(figures: SovFigures | null) {
  return {
    campaign_posts: figures?.campaign.posts ?? null,
    comparator_posts: figures?.comparator.posts ?? null,
    overlap_posts: figures?.overlapPosts ?? null,
    share_of_posts: figures?.share.posts ?? null,
    campaign_people: figures?.campaign.people ?? null,
    comparator_people: figures?.comparator.people ?? null,
    share_of_people: figures?.share.people ?? null,
    campaign_engagements: figures?.campaign.engagements ?? null,
    comparator_engagements: figures?.comparator.engagements ?? null,
    share_of_engagements: figures?.share.engagements ?? null,
  };
}

/** One row per comparator and bucket (uncollected buckets with empty figures), then each comparator's total row. */
export function shareOfVoiceCsvRows(voices: readonly ComparatorVoice[], timeZone: string): SovCsvRow[] {
  return voices.flatMap((voice) => [
    ...voice.points.map((point) => ({ comparator: voice.tag, bucket_start: isoUtc(point.start), bucket_end: isoUtc(point.end), local_date: localDate(point.start, timeZone), status: point.status, ...figureCells(point.figures) })),
    { comparator: voice.tag, bucket_start: null, bucket_end: null, local_date: 'total (collected buckets)', status: null, ...figureCells(voice.total) },
  ]);
}

export const AMPLIFIER_CSV_COLUMNS = AMPLIFIERS_DOWNLOAD_COLUMNS;

export function amplifierCsvRows(amplifiers: readonly Amplifier[]): Array<Record<(typeof AMPLIFIER_CSV_COLUMNS)[number], CsvCell>> {
  return amplifiers.map((entry) => ({
    rank: entry.rank,
    person: entry.person,
    accounts: entry.accounts.map((account) => `${account.network}:${account.username}`).join(' '),
    // Written by the account holders: the CSV writer defuses any that a spreadsheet would run.
    display_names: entry.accounts.map((account) => account.displayName ?? '').join(' | '),
    posts: entry.posts,
    reposts: entry.reposts,
    reach: entry.reach,
    engagements: entry.engagements,
    ready_made_posts: entry.readyMadePosts,
    first_seen_at: isoUtc(entry.firstSeenAt),
  }));
}
