// The dashboard's read-only JSON API (contract in README "Dashboard API"), mounted by the server
// under /api. Each resource has one module in routes/ that validates its query, asks db/ and shapes
// the answer; every timestamp leaves as ISO-8601 UTC.
//
// A new resource = one file in routes/ (a `<resource>Routes(api, deps)` function, see routes/status.ts)
// + one line in ROUTE_MODULES below (+ its answer schema in dashboard/contract/).
import { Hono } from 'hono';
import { SERIES_IDS } from '../../core/kpi-catalogue.js';
import { alertsRoutes } from './routes/alerts.js';
import { amplifiersRoutes } from './routes/amplifiers.js';
import { apiDeps, type ApiDeps, type ApiOptions } from './routes/api-deps.js';
import { coverageRoutes } from './routes/coverage.js';
import { downloadsRoutes } from './routes/downloads.js';
import { hashtagsRoutes } from './routes/hashtags.js';
import { momentsRoutes } from './routes/moments.js';
import { networksRoutes } from './routes/networks.js';
import { reportsRoutes } from './routes/reports.js';
import { shareablesRoutes } from './routes/shareables.js';
import { shareOfVoiceRoutes } from './routes/share-of-voice.js';
import { statusRoutes } from './routes/status.js';
import { summaryRoutes } from './routes/summary.js';
import { timeseriesRoutes } from './routes/timeseries.js';
import { topContributorsRoutes } from './routes/top-contributors.js';
import { topPostsRoutes } from './routes/top-posts.js';

export type { ApiOptions } from './routes/api-deps.js';
export const SERIES_METRICS = SERIES_IDS;

/** Registers one resource's routes on the /api app. */
export type RouteModule = (api: Hono, deps: ApiDeps) => void;

const ROUTE_MODULES: readonly RouteModule[] = [
  summaryRoutes,
  timeseriesRoutes,
  topPostsRoutes,
  topContributorsRoutes,
  networksRoutes,
  hashtagsRoutes,
  coverageRoutes,
  alertsRoutes,
  momentsRoutes,
  shareOfVoiceRoutes,
  amplifiersRoutes,
  statusRoutes,
  shareablesRoutes,
  downloadsRoutes,
  reportsRoutes,
];

/** The `/api` routes, mounted by the server under `/api`. */
export function createApiRoutes(options: ApiOptions): Hono {
  const api = new Hono();
  const deps = apiDeps(options);
  for (const register of ROUTE_MODULES) register(api, deps);
  return api;
}
