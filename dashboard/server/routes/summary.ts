// GET /api/summary: the KPIs for the range, the previous period's when it was collected, and the
// KPI catalogue's definitions.
import type { Hono } from 'hono';
import { KPI_CATALOGUE } from '../../../core/kpi-catalogue.js';
import { comparePeriods } from '../../../core/period-comparison.js';
import { getKpis } from '../../../db/analytics.js';
import { getRecentCoverageLedger } from '../../../db/coverage-ledger.js';
import { comparisonJson } from '../coverage-answers.js';
import { definitions, rangeJson, type ApiDeps } from './api-deps.js';
import type { SummaryResponse } from '../../contract/index.js';

/** The summary's definitions: versions plus every KPI of the catalogue (core/kpi-catalogue.ts). */
const summaryDefinitions = { ...definitions, kpis: [...KPI_CATALOGUE] };

export function summaryRoutes(api: Hono, deps: ApiDeps): void {
  const { db, timeZone } = deps;
  api.get('/summary', (c) => {
    const { filters } = deps.parse(c, {});
    const now = deps.now();
    const comparison = comparePeriods(filters.range, now, timeZone, getRecentCoverageLedger(db, now), filters.scope.networks);
    return c.json({
      range: { ...rangeJson(filters.range), timeZone },
      previousRange: rangeJson(comparison.previous),
      current: getKpis(db, filters.range, filters.scope),
      // Never a number to compare with when the earlier period was not (fully) collected.
      previous: comparison.comparable ? getKpis(db, comparison.previous, filters.scope) : null,
      comparison: comparisonJson(comparison),
      definitions: summaryDefinitions,
    } satisfies SummaryResponse);
  });
}
