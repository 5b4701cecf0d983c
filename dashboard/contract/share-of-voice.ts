// GET /api/share-of-voice: the campaign's share of posts, people and engagements against each
// comparator hashtag (COMPARE_HASHTAGS), per bucket and over the range's collected buckets.
import { z } from 'zod';
import { count, isoInstant, rangeInZone } from './common.js';
import { bucketStatus } from './timeseries.js';

export const voiceFigures = z.strictObject({ posts: count, people: count, engagements: count });

/** A share from 0 to 1 (four decimals), or null where neither side has any. */
const share = z.number().min(0).max(1).nullable();

export const sovFigures = z.strictObject({
  campaign: voiceFigures,
  /** Posts with the comparator hashtag and no tracked one. */
  comparator: voiceFigures,
  /** Campaign posts that also carry the comparator hashtag (they count for the campaign). */
  overlapPosts: count,
  share: z.strictObject({ posts: share, people: share, engagements: share }),
});

export const comparatorVoice = z.strictObject({
  tag: z.string(),
  /** From when the comparator counts as collected on every network in scope; null before its first pass. */
  collectedSince: isoInstant.nullable(),
  bucketsLeftOut: count,
  /** Over the collected buckets only; null when none was. */
  total: sovFigures.nullable(),
  points: z.array(z.strictObject({ start: isoInstant, end: isoInstant, status: bucketStatus, figures: sovFigures.nullable() })),
});

/** One catalogue entry (core/kpi-catalogue.ts INTELLIGENCE_CATALOGUE). */
export const intelligenceDefinition = z.strictObject({ id: z.string(), label: z.string(), definition: z.string() });

export const shareOfVoiceAnswer = z.strictObject({
  range: rangeInZone,
  interval: z.enum(['day', 'week']),
  comparators: z.array(z.string()),
  peopleAre: z.enum(['accounts', 'people (mapped accounts counted once)']),
  voices: z.array(comparatorVoice),
  definitions: z.array(intelligenceDefinition),
});
