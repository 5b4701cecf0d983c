// `jobquality start` (what `npm start` runs): the long-lived process that collects on schedule.
import type { Command } from 'commander';
import { collectOnce } from '../../collector/collect-once.js';
import { scheduleJob } from '../../collector/scheduler.js';
import { markAbandonedRunsInterrupted } from '../../db/runs.js';
import { createRuntime } from '../runtime.js';
import { onShutdownSignal } from '../shutdown.js';

export function registerStart(program: Command): void {
  program
    .command('start')
    .description('Run the tracker: collect on the COLLECT_CRON schedule until stopped with Ctrl+C')
    .action(async () => {
      const runtime = createRuntime();
      const { config, log } = runtime;
      const db = runtime.db();
      markAbandonedRunsInterrupted(db, Date.now());
      const collection = scheduleJob({
        name: 'collection',
        cronExpression: config.collectCron,
        log,
        runAtStart: true,
        job: async (signal) => {
          await collectOnce(config, db, log, { refresh: 'due', signal });
        },
      });
      log.info({ cron: config.collectCron, database: config.databaseFile }, 'jobquality-tracker started; press Ctrl+C to stop');
      await new Promise<void>((resolve) => {
        onShutdownSignal(async () => {
          await collection.stop();
          runtime.close();
          log.info('stopped cleanly');
          resolve();
        }, log);
      });
    });
}
