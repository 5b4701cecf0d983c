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

/** A set of people being counted. */
interface PeopleSet {
  /** Adds a person; true if they were not in the set. */
  add(key: PersonKey): boolean;
  has(key: PersonKey): boolean;
}

// Whole-number codes are marked in typed arrays reused across answers: a stamp per set says which
// marks are current, so 180 buckets need no clearing. Two slots: the campaign's side and a comparator's.
const codeSlots = [
  { stamps: new Uint32Array(0), stamp: 0 },
  { stamps: new Uint32Array(0), stamp: 0 },
];

class CodeSet implements PeopleSet {
  private readonly stamps: Uint32Array;
  private readonly stamp: number;

  constructor(slot: (typeof codeSlots)[number], limit: number) {
    if (slot.stamps.length < limit || slot.stamp >= 0xffff_fff0) {
      slot.stamps = new Uint32Array(Math.max(limit, slot.stamps.length * 2));
      slot.stamp = 0;
    }
    slot.stamp += 1;
    this.stamps = slot.stamps;
    this.stamp = slot.stamp;
  }

  add(key: PersonKey): boolean {
    if (this.stamps[key as number] === this.stamp) return false;
    this.stamps[key as number] = this.stamp;
    return true;
  }

  has(key: PersonKey): boolean {
    return this.stamps[key as number] === this.stamp;
  }
}

/** Any person keys (mapped people, account strings). */
class KeySet implements PeopleSet {
  private readonly keys = new Set<PersonKey>();

  add(key: PersonKey): boolean {
    if (this.keys.has(key)) return false;
    this.keys.add(key);
    return true;
  }

  has(key: PersonKey): boolean {
    return this.keys.has(key);
  }
}

/** New sets for the campaign's side (slot 0) and a comparator's (slot 1): typed arrays when every key is a small whole number. */
function peopleSets(buckets: readonly SovBucketInput[]): (slot: 0 | 1) => PeopleSet {
  let limit = 0;
  const samples = buckets.flatMap((bucket) => [bucket.campaign, ...Object.values(bucket.comparators).map((entry) => entry.only)]);
  for (const { people } of samples) {
    for (const key of people) {
      if (typeof key !== 'number' || !Number.isInteger(key) || key < 0 || key >= 1 << 26) return () => new KeySet();
      if (key >= limit) limit = key + 1;
    }
  }
  return (slot) => new CodeSet(codeSlots[slot]!, limit);
}

/** The campaign's side of some buckets: its sums and its people, marked once for every comparator. */
interface CampaignSide {
  posts: number;
  engagements: number;
  people: number;
  marked: PeopleSet;
}

function campaignSide(samples: readonly VoiceSample[], set: PeopleSet): CampaignSide {
  const side = { posts: 0, engagements: 0, people: 0, marked: set };
  for (const sample of samples) {
    side.posts += sample.posts;
    side.engagements += sample.engagements;
    for (const key of sample.people) if (set.add(key)) side.people += 1;
  }
  return side;
}

/** Share figures of the campaign against one comparator; everyone is each person once, whichever side(s) they spoke on. */
function figuresOf(campaign: CampaignSide, comparator: readonly ComparatorBucketInput[], set: PeopleSet): SovFigures {
  const comparatorFigures = { posts: 0, people: 0, engagements: 0 };
  let everyone = campaign.people;
  let overlapPosts = 0;
  for (const entry of comparator) {
    comparatorFigures.posts += entry.only.posts;
    comparatorFigures.engagements += entry.only.engagements;
    overlapPosts += entry.overlapPosts;
    for (const key of entry.only.people) {
      if (!set.add(key)) continue;
      comparatorFigures.people += 1;
      if (!campaign.marked.has(key)) everyone += 1;
    }
  }
  const campaignFigures = { posts: campaign.posts, people: campaign.people, engagements: campaign.engagements };
  return {
    campaign: campaignFigures,
    comparator: comparatorFigures,
    overlapPosts,
    share: {
      posts: ratio(campaignFigures.posts, campaignFigures.posts + comparatorFigures.posts),
      people: ratio(campaignFigures.people, everyone),
      engagements: ratio(campaignFigures.engagements, campaignFigures.engagements + comparatorFigures.engagements),
    },
  };
}

const NO_VOICE: ComparatorBucketInput = { only: { posts: 0, people: [], engagements: 0 }, overlapPosts: 0 };

/**
 * Share of voice against each comparator: per bucket, and over the collected buckets of the range.
 * The campaign's people of a bucket, and of the range's collected buckets, are marked once for all comparators.
 */
export function shareOfVoice(input: SovInput): ComparatorVoice[] {
  const { comparators, buckets } = input;
  const newSet = peopleSets(buckets);
  const statuses = comparators.map((tag) => buckets.map((bucket) => comparatorBucketStatus(bucket.status, bucket, input.collectedSince[tag] ?? null)));
  const entryOf = (bucket: SovBucketInput, tag: string) => bucket.comparators[tag] ?? NO_VOICE;
  const points: SovPoint[][] = comparators.map(() => []);
  buckets.forEach((bucket, k) => {
    const side = statuses.some((status) => status[k] !== 'not_collected') ? campaignSide([bucket.campaign], newSet(0)) : null;
    comparators.forEach((tag, c) => {
      const status = statuses[c]![k]!;
      const figures = side && status !== 'not_collected' ? figuresOf(side, [entryOf(bucket, tag)], newSet(1)) : null;
      points[c]!.push({ start: bucket.start, end: bucket.end, status, figures });
    });
  });
  // Comparators collected over the same buckets share one marking of the campaign's people.
  let marked: { key: string; side: CampaignSide } | null = null;
  return comparators.map((tag, c) => {
    const collected = buckets.filter((_, k) => statuses[c]![k] !== 'not_collected');
    let total: SovFigures | null = null;
    if (collected.length > 0) {
      const key = statuses[c]!.map((status) => (status === 'not_collected' ? '0' : '1')).join('');
      if (marked?.key !== key) marked = { key, side: campaignSide(collected.map((bucket) => bucket.campaign), newSet(0)) };
      total = figuresOf(marked.side, collected.map((bucket) => entryOf(bucket, tag)), newSet(1));
    }
    return { tag, collectedSince: input.collectedSince[tag] ?? null, points: points[c]!, total, bucketsLeftOut: buckets.length - collected.length };
  });
}
