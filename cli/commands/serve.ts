// `jobquality serve`: the dashboard and its JSON API on HOST:PORT, without collecting (for a second
// process beside a running collector, or to look at an existing database).
import type { Command } from 'commander';
import { createShareablesLoader } from '../../shareables/campaign-shareables.js';
import { createConfiguredDashboard, listenConfigured } from '../configured-dashboard.js';
import { createRuntime } from '../runtime.js';
import { onShutdownSignal } from '../shutdown.js';

/** Adds `serve` to the command line. */
export function registerServe(program: Command): void {
  program
    .command('serve')
    .description('Serve the dashboard and its JSON API on HOST:PORT (default 127.0.0.1:8080), and the public pages on PUBLIC_PORT if set, without collecting; stop with Ctrl+C')
    .action(async () => {
      const runtime = createRuntime();
      const { config, log } = runtime;
      // A broken content file is logged once; the dashboard runs without the action page.
      const shareables = createShareablesLoader({ file: config.shareablesFile, hashtags: config.hashtags, log })();
      const server = createConfiguredDashboard(runtime, { demo: false, shareables });
      let running;
      try {
        running = await listenConfigured(server, config);
      } catch (error) {
        runtime.close();
        throw error;
      }
      const { close } = running;
      process.stdout.write(`${running.banner.join('\n')}\nPress Ctrl+C to stop.\n`);
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
