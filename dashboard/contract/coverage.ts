// GET /api/coverage: the coverage ledger, one row per started day and network, and each network's
// collected spans.
import { z } from 'zod';
import { COVERAGE_STATES } from '../../core/collection-coverage.js';
import { count, isoInstant, localDate, networkId } from './common.js';

/** One day's state for one network, the one word the health panel shows. */
export const dayState = z.enum(['collected', 'backfilled', 'never_collectable', 'failed', 'not_collected', 'before_collection', 'in_progress']);

const hours = z.number().nonnegative();

export const coverageDay = z.strictObject({
  date: localDate,
  network: networkId,
  state: dayState,
  hours: z.strictObject({ collected: hours, backfilled: hours, neverCollectable: hours, failed: hours, notCollected: hours, pending: hours }),
  postsCollected: count,
  postsUnavailable: count,
  runs: count,
  failures: count,
  rateLimitPauses: count,
  /** Posts of the day are missing and could still be collected. */
  gap: z.boolean(),
  postsRead: count,
  estimatedCostUsd: z.number().nonnegative(),
});

export const coverageSpan = z.strictObject({ from: isoInstant, to: isoInstant, state: z.enum(COVERAGE_STATES) });

export const networkCoverage = z.strictObject({
  network: networkId,
  collectionBegan: isoInstant.nullable(),
  dataFrom: isoInstant.nullable(),
  spans: z.array(coverageSpan),
});

export const coverageAnswer = z.strictObject({ days: z.array(coverageDay), networks: z.array(networkCoverage) });
