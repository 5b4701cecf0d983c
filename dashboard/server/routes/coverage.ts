// GET /api/coverage: the coverage ledger, one row per started day and network, plus each network's
// collected spans.
import type { Hono } from 'hono';
import { getRunLedger } from '../../../db/analytics-coverage.js';
import { getRecentCoverageLedger } from '../../../db/coverage-ledger.js';
import { coverageDays, coverageSpans, startedBuckets } from '../coverage-answers.js';
import { InvalidParameterError } from '../query-params.js';
import { countBuckets, localDays, MAX_BUCKETS } from '../time-range.js';
import type { ApiDeps } from './api-deps.js';
import type { CoverageResponse } from '../../contract/index.js';

export function coverageRoutes(api: Hono, deps: ApiDeps): void {
  const { db, timeZone } = deps;
  api.get('/coverage', (c) => {
    const { filters } = deps.parse(c, {});
    if (countBuckets(filters.range, 'day', timeZone) > MAX_BUCKETS) {
      throw new InvalidParameterError('from', `Query parameter "from" starts a range of more than ${MAX_BUCKETS} days; the coverage ledger lists one row per day, so choose a shorter range.`);
    }
    const now = deps.now();
    // Days still to come have nothing to say: they are not listed.
    const days = startedBuckets(localDays(filters.range, timeZone), now);
    const runs = new Map(getRunLedger(db, days, filters.scope.networks).map((row) => [`${row.k}|${row.network}`, row]));
    const ledger = getRecentCoverageLedger(db, now);
    return c.json({
      days: coverageDays(days, filters.scope.networks, runs, ledger),
      networks: coverageSpans(ledger, { start: filters.range.start, end: Math.min(filters.range.end, now) }, filters.scope.networks),
    } satisfies CoverageResponse);
  });
}
