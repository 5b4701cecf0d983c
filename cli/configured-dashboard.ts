// The dashboard server as the configuration describes it: shared by `serve` (dashboard only) and
// the long-running tracker (`start`, `demo`), so both serve the same app, API and action page.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { configuredNetworks } from '../collector/build-adapters.js';
import type { Network } from '../core/types.js';
import { createDashboardServer, type DashboardServer, type RunningServer } from '../dashboard/server/server.js';
import { catchUpIndexes } from '../db/index-catch-up.js';
import { postIndexOf } from '../db/post-index.js';
import type { CampaignShareables } from '../shareables/campaign-shareables.js';
import type { Config } from './config.js';
import type { Runtime } from './runtime.js';
import { loadAmplifierAccounts } from './amplifier-accounts-file.js';

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
  options: { demo: boolean; shareables: CampaignShareables | null; now?: () => number },
): DashboardServer {
  const { config, log } = runtime;
  const staticDir = builtDashboardDir();
  if (!staticDir) log.warn('the dashboard app is not built (dist/dashboard-app is missing): run `npm run build`; the JSON API works meanwhile');
  const server = createDashboardServer({
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
    accessToken: config.access.token,
    allowedHosts: config.access.allowedHosts,
    trustProxyHops: config.access.trustProxyHops,
    watchedMastodonServers: config.mastodon.instances,
    intelligence: { compareHashtags: config.compareHashtags, accountMap: loadAmplifierAccounts(config.amplifierAccountsFile, log) },
    // The benchmark pins the clock to its campaign's; the tracker runs on the real one.
    ...(options.now ? { now: options.now } : {}),
  });
  // Build the in-memory post index (db/post-index.ts) with its day totals (in the zone the server
  // just set), the run log the coverage ledger is judged from and the comparator posts before the
  // first request rather than during it: a few seconds at a million posts; afterwards each answer
  // only catches up on new commits.
  const started = performance.now();
  catchUpIndexes(runtime.db(), { comparators: config.compareHashtags.length > 0 });
  const index = postIndexOf(runtime.db());
  if (index) log.info({ posts: index.footprint().posts, ms: Math.round(performance.now() - started) }, 'in-memory indexes built');
  return server;
}

export interface ConfiguredListeners {
  /** The dashboard as bound, e.g. http://127.0.0.1:8080 (see RunningServer.url). */
  dashboard: RunningServer;
  /** The public pages' own listener when PUBLIC_PORT is set, else null. */
  public: RunningServer | null;
  /** What to tell the person who started it, one line per listener. */
  banner: string[];
  close(): Promise<void>;
}

function describe(running: RunningServer, what: string, path: string): string {
  const wildcard = running.url === running.localUrl ? '' : ` (every network interface; on this machine ${running.localUrl}${path})`;
  return `${what}: ${running.url}${path}${wildcard}`;
}

/**
 * Listens where the configuration says: the dashboard on HOST:PORT and, with PUBLIC_PORT, the
 * public pages on PUBLIC_HOST:PUBLIC_PORT. If the second cannot start, the first is closed again.
 */
export async function listenConfigured(server: DashboardServer, config: Config): Promise<ConfiguredListeners> {
  const dashboard = await server.listen(config.server.host, config.server.port);
  let publicListener: RunningServer | null = null;
  if (config.access.publicPort !== null) {
    try {
      publicListener = await server.listenPublic(config.access.publicHost, config.access.publicPort);
    } catch (error) {
      await dashboard.close();
      throw error;
    }
  }
  const banner = [
    `${describe(dashboard, 'Dashboard', '/')} (JSON API under /api/)${dashboard.exposed ? ' — reachable from other machines; staff sign in with DASHBOARD_TOKEN' : ''}`,
  ];
  if (publicListener) banner.push(`${describe(publicListener, 'Public action page', '/action/')}, with its share links under /s/ (no staff pages on this address)`);
  return {
    dashboard,
    public: publicListener,
    banner,
    close: async () => {
      await Promise.all([dashboard.close(), publicListener?.close()]);
    },
  };
}
