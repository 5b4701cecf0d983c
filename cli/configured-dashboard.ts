// The dashboard server as the configuration describes it: shared by `serve` (dashboard only) and
// the long-running tracker (`start`, `demo`), so both serve the same app, API and action page.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configuredNetworks } from '../collector/build-adapters.js';
import type { Network } from '../core/types.js';
import { createDashboardServer, type DashboardServer } from '../dashboard/server/server.js';
import type { CampaignShareables } from '../shareables/campaign-shareables.js';
import type { Config } from './config.js';
import type { Runtime } from './runtime.js';

/** Networks the configuration lets the collector read (the dashboard shows the others as disabled). */
export function enabledNetworks(config: Config): Network[] {
  return configuredNetworks(config);
}

/** The package root: the nearest folder above this module with a package.json (same from cli/ and dist/cli/). */
function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}

/** The built dashboard app (`npm run build` writes dist/dashboard-app), or null when it is not built. */
export function builtDashboardDir(): string | null {
  const dir = join(packageRoot(), 'dist', 'dashboard-app');
  return existsSync(join(dir, 'index.html')) ? dir : null;
}

export function createConfiguredDashboard(
  runtime: Runtime,
  options: { demo: boolean; shareables: CampaignShareables | null },
): DashboardServer {
  const { config, log } = runtime;
  const staticDir = builtDashboardDir();
  if (!staticDir) log.warn('the dashboard app is not built (dist/dashboard-app is missing): run `npm run build`; the JSON API works meanwhile');
  return createDashboardServer({
    db: runtime.db(),
    hashtags: config.hashtags,
    timeZone: config.reportTimeZone,
    staticDir,
    reportsDir: config.reports.dir,
    demo: options.demo,
    log,
    enabledNetworks: enabledNetworks(config),
    shareables: options.shareables,
    publicBaseUrl: config.server.publicBaseUrl,
  });
}
