// GET /api/reports and /api/reports/…: the weekly reports in REPORTS_DIR (report-files.ts).
import type { Hono } from 'hono';
import { listReports, reportRoutes } from '../report-files.js';
import type { ApiDeps } from './api-deps.js';
import type { ReportsResponse } from '../../contract/index.js';

export function reportsRoutes(api: Hono, deps: ApiDeps): void {
  api.get('/reports', async (c) => c.json({ reports: await listReports(deps.reportsDir) } satisfies ReportsResponse));
  api.route('/reports', reportRoutes(deps.reportsDir));
}
