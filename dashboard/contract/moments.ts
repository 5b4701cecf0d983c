// GET /api/moments: the content file's campaign moments, each with its 48-hour lift once measured.
import { z } from 'zod';
import { count, isoInstant, networkId } from './common.js';

export const metricLift = z.strictObject({
  after: z.number(),
  /** Average of the same 48 hours in the collected baseline weeks. */
  usual: z.number(),
  lift: z.number(),
  /** Null when usual is 0. */
  liftPercent: z.number().nullable(),
});

export const momentLift = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('measuring'), reason: z.string() }),
  z.strictObject({ status: z.literal('too_little_data'), reason: z.string(), baselineWeeks: count }),
  z.strictObject({
    status: z.literal('measured'),
    baselineWeeks: count,
    metrics: z.strictObject({ posts: metricLift, engagements: metricLift, new_contributors: metricLift }),
  }),
]);

export const moment = z.strictObject({
  at: isoInstant,
  what: z.string(),
  /** The network the moment was on, or "all". */
  network: z.union([z.literal('all'), networkId]),
  lift: momentLift,
});

export const momentsAnswer = z.strictObject({ contentFileLoaded: z.boolean(), moments: z.array(moment) });
