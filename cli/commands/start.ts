// `jobquality start` (what `npm start` runs): collects on schedule, writes the weekly report and
// serves the dashboard, until stopped.
import type { Command } from 'commander';
import { runTracker } from '../run-tracker.js';
import { createRuntime } from '../runtime.js';
import { onShutdownSignal } from '../shutdown.js';

export function registerStart(program: Command): void {
  program
    .command('start')
    .description('Run the tracker: collect on COLLECT_CRON, write the weekly report on REPORT_CRON, and serve the dashboard on HOST:PORT (the public pages also on PUBLIC_PORT if set), until Ctrl+C')
    .action(async () => {
      const runtime = createRuntime();
      const { log } = runtime;
      let tracker;
      try {
        tracker = await runTracker(runtime);
      } catch (error) {
        runtime.close();
        throw error;
      }
      process.stdout.write(`${tracker.banner.join('\n')}\n`);
      await new Promise<void>((resolve) => {
        onShutdownSignal(async () => {
          await tracker.stop();
          runtime.close();
          log.info('stopped cleanly');
          resolve();
        }, log);
      });
    });
}
