// Share of voice (issue 16, item 3): the campaign's share of posts, people and engagements against
// each comparator hashtag, per bucket and over a range, counted only where both were collected.
// Pure: the caller reads the figures and the coverage; this decides what may be said.
import type { BucketStatus } from './collection-coverage.js';

/**
 * One person: an account or a mapped person. Whole numbers from 0 (codes a caller assigns, such as
 * author ids) are counted in a typed array, which is what keeps 180 days of people fast.
 */
export type PersonKey = string | number;

/** What one side of the conversation did in a bucket. */
export interface VoiceSample {
  posts: number;
  /** Person keys (one per person: an account, or a mapped person); distinct over the range too. */
  people: readonly PersonKey[];
  engagements: number;
}

export interface ComparatorBucketInput {
  /** Posts carrying only the comparator (never the campaign's: those are in comparator_posts). */
  only: VoiceSample;
  /** Campaign posts of the bucket that also carry the comparator hashtag (they count for the campaign). */
  overlapPosts: number;
}

export interface SovBucketInput {
  start: number;
  end: number;
  /** The campaign's collection status for the bucket (core/collection-coverage.ts bucketStatus). */
  status: BucketStatus;
  campaign: VoiceSample;
  /** Per comparator hashtag. */
  comparators: Readonly<Record<string, ComparatorBucketInput>>;
}

export interface SovInput {
  comparators: readonly string[];
  /** Per comparator: from when it was collected on every network in scope (null: not yet collected). */
  collectedSince: Readonly<Record<string, number | null>>;
  buckets: readonly SovBucketInput[];
}

export interface VoiceFigures {
  posts: number;
  people: number;
  engagements: number;
}

/** The campaign's share (0..1, four decimals) of each figure; null where neither side has any. */
export interface VoiceShares {
  posts: number | null;
  people: number | null;
  engagements: number | null;
}

export interface SovFigures {
  campaign: VoiceFigures;
  comparator: VoiceFigures;
  overlapPosts: number;
  share: VoiceShares;
}

export interface SovPoint {
  start: number;
  end: number;
  /** not_collected: no figures (the campaign or this comparator was not collected then). */
  status: BucketStatus;
  figures: SovFigures | null;
}

export interface ComparatorVoice {
  tag: string;
  collectedSince: number | null;
  points: SovPoint[];
  /** Over the collected buckets only (people distinct over them); null when none was collected. */
  total: SovFigures | null;
  /** Buckets left out of `total` because they were not collected. */
  bucketsLeftOut: number;
}

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000);

/**
 * The comparator's status for a bucket: the campaign's, but not collected before the comparator
 * was, and partly collected for the bucket in which its collection began.
 */
export function comparatorBucketStatus(status: BucketStatus, bucket: { start: number; end: number }, collectedSince: number | null): BucketStatus {
  if (status === 'not_collected' || collectedSince === null || bucket.end <= collectedSince) return 'not_collected';
  if (bucket.start < collectedSince && status === 'complete') return 'partial';
  return status;
}

// Marks by person code, reused across calls: a stamp per call says which marks are current, so a
// 180-bucket answer does not clear a mark per author for every bucket and comparator.
let scratch = { stamps: new Uint32Array(0), bits: new Uint8Array(0), stamp: 0 };

function markScratch(size: number): typeof scratch {
  if (scratch.stamps.length < size || scratch.stamp >= 0xffff_fff0) scratch = { stamps: new Uint32Array(Math.max(size, scratch.stamps.length * 2)), bits: new Uint8Array(Math.max(size, scratch.stamps.length * 2)), stamp: 0 };
  scratch.stamp += 1;
  return scratch;
}

/** Distinct people of each side and of both together (a person on both sides is one person of the conversation). */
function countPeople(campaign: readonly VoiceSample[], comparator: readonly VoiceSample[]): { campaign: number; comparator: number; everyone: number } {
  const lists = (samples: readonly VoiceSample[]) => samples.map((sample) => sample.people);
  const sides = [lists(campaign), lists(comparator)];
  let limit = 0;
  let codes = true;
  for (const people of sides.flat()) {
    for (const key of people) {
      if (typeof key !== 'number' || !Number.isInteger(key) || key < 0) codes = false;
      else if (key >= limit) limit = key + 1;
    }
  }
  // Bit 1: seen on the campaign's side; bit 2: on the comparator's.
  const array = codes && limit <= 1 << 26 ? markScratch(limit) : null;
  const map = new Map<PersonKey, number>();
  const markOf = array ? (key: PersonKey) => (array.stamps[key as number] === array.stamp ? array.bits[key as number]! : 0) : (key: PersonKey) => map.get(key) ?? 0;
  const mark = array
    ? (key: PersonKey, value: number) => {
        array.stamps[key as number] = array.stamp;
        array.bits[key as number] = value;
      }
    : (key: PersonKey, value: number) => map.set(key, value);
  const counts = { campaign: 0, comparator: 0, everyone: 0 };
  sides.forEach((side, s) => {
    const bit = s + 1;
    for (const people of side) {
      for (const key of people) {
        const was = markOf(key);
        if ((was & bit) !== 0) continue;
        if (was === 0) counts.everyone += 1;
        if (bit === 1) counts.campaign += 1;
        else counts.comparator += 1;
        mark(key, was | bit);
      }
    }
  });
  return counts;
}

/** Share figures of the campaign against one comparator, from the samples of some buckets. */
function figuresOf(campaign: readonly VoiceSample[], comparator: readonly ComparatorBucketInput[]): SovFigures {
  const sum = (samples: readonly VoiceSample[], key: 'posts' | 'engagements') => samples.reduce((total, sample) => total + sample[key], 0);
  const only = comparator.map((entry) => entry.only);
  const people = countPeople(campaign, only);
  const campaignFigures = { posts: sum(campaign, 'posts'), people: people.campaign, engagements: sum(campaign, 'engagements') };
  const comparatorFigures = { posts: sum(only, 'posts'), people: people.comparator, engagements: sum(only, 'engagements') };
  return {
    campaign: campaignFigures,
    comparator: comparatorFigures,
    overlapPosts: comparator.reduce((total, entry) => total + entry.overlapPosts, 0),
    share: {
      posts: ratio(campaignFigures.posts, campaignFigures.posts + comparatorFigures.posts),
      people: ratio(campaignFigures.people, people.everyone),
      engagements: ratio(campaignFigures.engagements, campaignFigures.engagements + comparatorFigures.engagements),
    },
  };
}

const NO_VOICE: ComparatorBucketInput = { only: { posts: 0, people: [], engagements: 0 }, overlapPosts: 0 };

/** Share of voice against each comparator: per bucket, and over the collected buckets of the range. */
export function shareOfVoice(input: SovInput): ComparatorVoice[] {
  return input.comparators.map((tag) => {
    const since = input.collectedSince[tag] ?? null;
    const collected: SovBucketInput[] = [];
    const points = input.buckets.map((bucket): SovPoint => {
      const status = comparatorBucketStatus(bucket.status, bucket, since);
      if (status === 'not_collected') return { start: bucket.start, end: bucket.end, status, figures: null };
      collected.push(bucket);
      return { start: bucket.start, end: bucket.end, status, figures: figuresOf([bucket.campaign], [bucket.comparators[tag] ?? NO_VOICE]) };
    });
    const total = collected.length === 0 ? null : figuresOf(collected.map((bucket) => bucket.campaign), collected.map((bucket) => bucket.comparators[tag] ?? NO_VOICE));
    return { tag, collectedSince: since, points, total, bucketsLeftOut: input.buckets.length - collected.length };
  });
}
