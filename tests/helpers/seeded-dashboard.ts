// The dashboard over a seeded campaign (seed-database.ts) as its tests ask it: at the seed's own
// `now`, in its time zone, for its hashtags, with the three seeded networks enabled.
import type { DashboardServer, DashboardServerOptions } from '../../dashboard/server/server.js';
import type { SeededDatabase } from './seed-database.js';
import { testDashboard } from './test-dashboard.js';

/** The networks seedDatabase() writes posts and runs for. */
export const SEEDED_NETWORKS = ['x', 'bluesky', 'mastodon'];

/** A dashboard over `seed`; `options` change what a test is about (another time zone, a token, …). */
export function dashboardOverSeed(seed: SeededDatabase, options: Partial<DashboardServerOptions> = {}): DashboardServer {
  return testDashboard({ db: seed.db, hashtags: seed.hashtags, timeZone: seed.timeZone, enabledNetworks: SEEDED_NETWORKS, now: () => seed.now, ...options });
}
