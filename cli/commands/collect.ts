// `jobquality collect`: one collection now (--once), or on the COLLECT_CRON schedule until stopped.
// Each collection is followed by attributing the new posts to the shareables they used.
import { Command, Option } from 'commander';
import { collectOnce, formatRunSummary } from '../../collector/collect-once.js';
import type { RefreshMode } from '../../collector/run-collection.js';
import { markAbandonedRunsInterrupted } from '../../db/runs.js';
import { createPostAttributionStep, formatAttributionOutcome } from '../../shareables/attribute-collected-posts.js';
import { createShareablesLoader } from '../../shareables/campaign-shareables.js';
import { createRuntime } from '../runtime.js';
import { scheduleCollection } from '../scheduled-collection.js';
import { onShutdownSignal } from '../shutdown.js';

export function registerCollect(program: Command): void {
  program
    .command('collect')
    .description('Collect tracked-hashtag posts and refresh their engagement counts')
    .option('--once', 'run one collection and exit (exit code 0 when every network succeeded)')
    .addOption(
      new Option('--refresh <mode>', 'which known posts get their counts re-read').choices(['due', 'all', 'none']).default('due'),
    )
    .addHelpText(
      'after',
      '\nWithout --once the command keeps running and collects on the COLLECT_CRON schedule (default every 15 minutes).\n' +
        'Each network is skipped with a notice when its credentials are not set; see README.md "Configuration".',
    )
    .action(async (opts: { once?: boolean; refresh: RefreshMode }) => {
      const runtime = createRuntime();
      const { config, log } = runtime;
      const db = runtime.db();
      const abandoned = markAbandonedRunsInterrupted(db, Date.now());
      if (abandoned > 0) log.warn({ abandoned }, 'marked runs left unfinished by a previous process as interrupted');
      const attribution = createPostAttributionStep({
        db,
        loadShareables: createShareablesLoader({ file: config.shareablesFile, hashtags: config.hashtags, log }),
        log,
      });
      if (opts.once) {
        const controller = new AbortController();
        const removeHandler = onShutdownSignal(() => controller.abort(), log);
        try {
          const runs = await collectOnce(config, db, log, { refresh: opts.refresh, signal: controller.signal });
          if (runs.every((run) => run.status === 'skipped')) process.stdout.write('No network is configured to collect from (see README.md "Configuration").\n');
          for (const run of runs) process.stdout.write(`${formatRunSummary(run)}\n`);
          const attributed = await attribution.run(controller.signal);
          if (attributed) process.stdout.write(`${formatAttributionOutcome(attributed)}\n`);
          process.exitCode = runs.some((run) => run.status === 'failed' || run.status === 'interrupted') ? 1 : 0;
        } finally {
          removeHandler();
          runtime.close();
        }
        return;
      }
      const job = scheduleCollection({ config, db, log, attribution, refresh: opts.refresh });
      log.info({ cron: config.collectCron }, 'collector scheduled; press Ctrl+C to stop');
      await new Promise<void>((resolve) => {
        onShutdownSignal(async () => {
          await job.stop();
          runtime.close();
          resolve();
        }, log);
      });
    });
}
