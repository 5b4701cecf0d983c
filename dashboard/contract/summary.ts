// GET /api/summary: the range's KPIs, the previous period's when it was collected in full, whether
// a change may be stated, and the KPI catalogue.
import { z } from 'zod';
import { KPI_IDS } from '../../core/kpi-catalogue.js';
import { count, definitions, isoInstant, networkId, range, rangeInZone } from './common.js';

const postCounts = z.strictObject({ total: count, original: count, reply: count, quote: count, repost: count });

export const kpis = z.strictObject({
  posts: postCounts,
  contributors: count,
  engagements: count,
  /** Null when no network in scope reports impressions. */
  impressions: count.nullable(),
  impressionsCoverage: z.enum(['all', 'partial', 'none']),
  potentialReach: count,
  engagementRate: z.number().nonnegative().nullable(),
  engagementRateBasis: z.string(),
});

export const kpiId = z.enum(KPI_IDS);

/** One KPI of the catalogue (core/kpi-catalogue.ts), as the summary's `definitions.kpis` lists them. */
export const kpiDefinition = z.strictObject({
  id: kpiId,
  label: z.string(),
  definition: z.string(),
  /** The same in a few words, for the card. */
  summary: z.string(),
  unit: z.string(),
  format: z.enum(['count', 'rate']),
  higherIsBetter: z.boolean(),
  /** Counted only over the networks that report impressions (the label then says which). */
  needsImpressions: z.boolean(),
});

export const windowCoverage = z.strictObject({
  status: z.enum(['complete', 'partial', 'none']),
  inProgress: z.boolean(),
  collectedShare: z.number().min(0).max(1),
  neverCollected: z.array(networkId),
});

const comparedPeriod = z.strictObject({ from: isoInstant, to: isoInstant, coverage: windowCoverage });

export const comparison = z.strictObject({
  /** Whether a change may be stated: the earlier period was collected in full. */
  available: z.boolean(),
  reason: z.enum(['not_collected', 'partly_collected']).nullable(),
  /** The range is still running: both periods are "so far". */
  soFar: z.boolean(),
  current: comparedPeriod,
  previous: comparedPeriod,
});

export const summaryAnswer = z.strictObject({
  range: rangeInZone,
  previousRange: range,
  current: kpis,
  /** Null when the earlier period was not collected in full: there is nothing to compare with. */
  previous: kpis.nullable(),
  comparison,
  definitions: definitions.extend({ kpis: z.array(kpiDefinition) }),
});
