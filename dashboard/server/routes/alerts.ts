// GET /api/alerts: alerts on unusual hours in the range (core/surge-detection.ts), newest hour first.
import type { Hono } from 'hono';
import { listAlerts } from '../../../db/alerts.js';
import { wholeNumber } from '../query-params.js';
import { isoUtc } from '../time-range.js';
import type { ApiDeps } from './api-deps.js';
import type { AlertsResponse } from '../../contract/index.js';

export function alertsRoutes(api: Hono, deps: ApiDeps): void {
  api.get('/alerts', (c) => {
    const { filters, params } = deps.parse(c, { limit: wholeNumber(1, 500).default(50) });
    return c.json({
      alerts: listAlerts(deps.db, filters.range, params.limit).map((alert) => ({
        metric: alert.metric,
        direction: alert.direction,
        hourStart: isoUtc(alert.hourStart),
        value: alert.value,
        baselineMedian: alert.baselineMedian,
        baselineWeeks: alert.baselineWeeks,
        score: alert.score,
        message: alert.message,
        drivers: alert.drivers,
        detectedAt: isoUtc(alert.detectedAt),
        delivery: alert.delivery,
        deliveredAt: alert.deliveredAt === null ? null : isoUtc(alert.deliveredAt),
      })),
    } satisfies AlertsResponse);
  });
}
