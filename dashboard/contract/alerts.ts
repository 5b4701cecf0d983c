// GET /api/alerts: alerts on unusual hours in the range, newest hour first, with what drove them.
import { z } from 'zod';
import { count, isoInstant, networkId } from './common.js';

export const alertMetric = z.enum(['posts', 'engagements', 'new_contributors']);

export const alertDrivers = z.strictObject({
  topPosts: z.array(z.strictObject({ network: networkId, url: z.string(), author: z.string(), text: z.string(), engagements: count, readyMade: z.boolean() })),
  topContributors: z.array(z.strictObject({ network: networkId, username: z.string(), posts: count, engagements: count })),
  /** Posts in the hour attributed to one of the campaign's ready-made posts. */
  readyMadePosts: count,
});

export const alert = z.strictObject({
  metric: alertMetric,
  direction: z.enum(['surge', 'stop']),
  hourStart: isoInstant,
  value: z.number(),
  baselineMedian: z.number(),
  baselineWeeks: count,
  score: z.number(),
  message: z.string(),
  drivers: alertDrivers,
  detectedAt: isoInstant,
  delivery: z.enum(['pending', 'delivered', 'over_daily_cap']),
  deliveredAt: isoInstant.nullable(),
});

export const alertsAnswer = z.strictObject({ alerts: z.array(alert) });
