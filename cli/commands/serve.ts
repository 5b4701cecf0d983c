// `jobquality serve`: the dashboard and its JSON API on HOST:PORT, without collecting (for a second
// process beside a running collector, or to look at an existing database).
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import type { Network } from '../../core/types.js';
import { createDashboardServer } from '../../dashboard/server/server.js';
import { createShareablesLoader } from '../../shareables/campaign-shareables.js';
import type { Config } from '../config.js';
import { createRuntime } from '../runtime.js';
import { onShutdownSignal } from '../shutdown.js';

/** Networks the configuration lets the collector read (the dashboard shows the others as disabled). */
export function enabledNetworks(config: Config): Network[] {
  const enabled: Network[] = [];
  if (config.x.bearerToken) enabled.push('x');
  if (config.bluesky.handle && config.bluesky.appPassword) enabled.push('bluesky');
  if (config.mastodon.instances.length > 0) enabled.push('mastodon');
  return enabled;
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

/** The built dashboard app (`npm run build:dashboard` writes dist/dashboard), or null when it is not built. */
export function builtDashboardDir(): string | null {
  const dir = join(packageRoot(), 'dist', 'dashboard');
  return existsSync(join(dir, 'index.html')) ? dir : null;
}

/** Adds `serve` to the command line. */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Serve the dashboard and its JSON API on HOST:PORT (default 127.0.0.1:8080) without collecting; stop with Ctrl+C')
    .action(async () => {
      const runtime = createRuntime();
      const { config, log } = runtime;
      const staticDir = builtDashboardDir();
      if (!staticDir) log.warn('the dashboard app is not built (dist/dashboard is missing): run `npm run build:dashboard`; the JSON API works meanwhile');
      const server = createDashboardServer({
        db: runtime.db(),
        hashtags: config.hashtags,
        timeZone: config.reportTimeZone,
        staticDir,
        reportsDir: config.reports.dir,
        demo: false,
        log,
        enabledNetworks: enabledNetworks(config),
        // A broken content file is logged once; the dashboard runs without the action page.
        shareables: createShareablesLoader({ file: config.shareablesFile, hashtags: config.hashtags, log })(),
        publicBaseUrl: config.server.publicBaseUrl,
      });
      let running;
      try {
        running = await server.listen(config.server.host, config.server.port);
      } catch (error) {
        runtime.close();
        throw error;
      }
      const { url, close } = running;
      process.stdout.write(`Dashboard: ${url}/ (JSON API under ${url}/api/) — press Ctrl+C to stop\n`);
      await new Promise<void>((resolve) => {
        onShutdownSignal(async () => {
          await close();
          runtime.close();
          log.info('dashboard stopped');
          resolve();
        }, log);
      });
    });
}
