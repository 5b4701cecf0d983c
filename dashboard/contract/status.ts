// GET /api/status: the collector's state per network and what the dashboard is configured with.
import { z } from 'zod';
import { count, isoInstant, networkId } from './common.js';

export const lastRun = z.strictObject({
  status: z.enum(['running', 'ok', 'rate_limited', 'interrupted', 'failed', 'skipped']),
  startedAt: isoInstant,
  finishedAt: isoInstant.nullable(),
  postsNew: count,
  error: z.string().nullable(),
  message: z.string().nullable(),
  /** Set when the run stopped because the plan's usage cap was spent: 'Daily', 'Monthly' or 'unknown'. */
  usageCapPeriod: z.string().nullable(),
});

export const networkStatus = z.strictObject({
  network: networkId,
  /** How people know the network (the registry's label), for every place the app names it. */
  label: z.string(),
  enabled: z.boolean(),
  lastRun: lastRun.nullable(),
  lastSuccessAt: isoInstant.nullable(),
  failuresLast24h: count,
  /** Live posts stored for the network (all time). */
  posts: count,
});

export const statusAnswer = z.strictObject({
  demo: z.boolean(),
  generatedAt: isoInstant,
  timeZone: z.string(),
  hashtags: z.array(z.string()),
  networks: z.array(networkStatus),
  /**
   * Opaque; changes whenever anything a dashboard view reads changes (collected posts, readings and
   * runs, share clicks, alerts, weekly reports, the content file as loaded, the configuration). While
   * it stays the same, the views' answers are the same, except those that move with the clock.
   */
  dataStamp: z.string().min(1),
  /** Whether staff sign in (the server has DASHBOARD_TOKEN), so the app offers "Sign out". */
  signInRequired: z.boolean(),
});
