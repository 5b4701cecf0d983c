// GET /api/shareables: how each ready-made post was used in the range, per network.
import { z } from 'zod';
import { count, definitions, localDate, networkId, rangeInZone } from './common.js';

/** How much supporters edited the ready-made posts they used: 0 = as written, 1 = every word changed. */
export const editedSummary = z.strictObject({ mean: z.number().min(0).max(1), median: z.number().min(0).max(1) });

const postsByMethod = z.strictObject({ link: count, text: count });

export const adoptionFigures = z.strictObject({
  clicks: count,
  copies: count,
  posts: count,
  postsByMethod,
  edited: editedSummary.nullable(),
  engagements: count,
  contributors: count,
  potentialReach: count,
});

/** One shareable on one network (collected or share-only); post figures are null where posts cannot be matched. */
export const shareableNetworkFigures = z.strictObject({
  network: networkId,
  clicks: count,
  copies: count,
  posts: count.nullable(),
  postsByMethod: postsByMethod.nullable(),
  edited: editedSummary.nullable(),
  engagements: count.nullable(),
  contributors: count.nullable(),
  potentialReach: count.nullable(),
});

export const shareableEntry = adoptionFigures.extend({
  id: z.string(),
  /** Null for a shareable no longer in the content file (its history is kept). */
  resourceId: z.string().nullable(),
  templateId: z.string().nullable(),
  kind: z.string().nullable(),
  /** From the campaign's content file (staff-written, still rendered as text); the id when no longer there. */
  title: z.string(),
  inContentFile: z.boolean(),
  /** One per column of the answer's `networks`, in that order. */
  networks: z.array(shareableNetworkFigures),
});

export const shareNetworkColumn = z.strictObject({
  network: networkId,
  label: z.string(),
  /** Whether posts there can be matched (a collected, configured network). */
  collected: z.boolean(),
  /** Why posts there cannot be matched, or null. */
  note: z.string().nullable(),
});

export const shareablesAnswer = z.strictObject({
  range: rangeInZone,
  clickDays: z.strictObject({ from: localDate, to: localDate }),
  contentFile: z.enum(['loaded', 'unavailable']),
  /** What staff must fix before the action page is published (never shown on the page itself). */
  contentWarnings: z.array(z.string()),
  networks: z.array(shareNetworkColumn),
  totals: z.strictObject({ clicks: count, copies: count, posts: count, shareables: count, used: count }),
  shareables: z.array(shareableEntry),
  definitions,
});
