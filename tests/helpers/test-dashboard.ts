// A dashboard server over a test database, with what almost every server test wants unless it says
// otherwise: no built app, no reports folder, not the demo, every network enabled, logs captured.
import { collectedNetworkIds } from '../../core/networks.js';
import { createDashboardServer, type DashboardServer, type DashboardServerOptions } from '../../dashboard/server/server.js';
import { captureLogger } from './capture-logger.js';

export function testDashboard(options: Pick<DashboardServerOptions, 'db' | 'hashtags' | 'timeZone'> & Partial<DashboardServerOptions>): DashboardServer {
  return createDashboardServer({ staticDir: null, reportsDir: null, demo: false, log: captureLogger().log, enabledNetworks: collectedNetworkIds(), ...options });
}
