// `jobquality start` (what `npm start` runs): collects on schedule, writes the weekly report and
// serves the dashboard, until stopped.
import type { Command } from 'commander';
import { runTracker } from '../run-tracker.js';
import { createRuntime } from '../runtime.js';
import { runUntilStopped } from '../shutdown.js';

export function registerStart(program: Command): void {
  program
    .command('start')
    .description('Run the tracker: collect on COLLECT_CRON, write the weekly report on REPORT_CRON, and serve the dashboard on HOST:PORT (the public pages also on PUBLIC_PORT if set), until Ctrl+C')
    .option('--wait', 'when another collector holds this database, wait for it to finish instead of exiting with status 3')
    .action(async (opts: { wait?: boolean }) => {
      const runtime = createRuntime();
      const { log } = runtime;
      let tracker;
      try {
        tracker = await runTracker(runtime, { waitForCollector: opts.wait ?? false });
      } catch (error) {
        runtime.close();
        throw error;
      }
      process.stdout.write(`${tracker.banner.join('\n')}\n`);
      const running = tracker;
      await runUntilStopped(
        async () => {
          await running.stop();
          runtime.close();
          log.info('stopped cleanly');
        },
        running.lost,
        log,
      );
    });
}
