// `jobquality collect`: one collection now (--once), or on the COLLECT_CRON schedule until stopped.
// Each collection is followed by attributing the new posts to the shareables they used.
import { Command, Option } from 'commander';
import { collectOnce, formatRunSummary } from '../../collector/collect-once.js';
import { acquireCollectorLock } from '../../collector/collector-lock.js';
import type { RefreshMode } from '../../collector/run-collection.js';
import { markAbandonedRunsInterrupted } from '../../db/runs.js';
import { createPostAttributionStep, formatAttributionOutcome } from '../../shareables/attribute-collected-posts.js';
import { createShareablesLoader } from '../../shareables/campaign-shareables.js';
import { createRuntime } from '../runtime.js';
import { scheduleCollection } from '../scheduled-collection.js';
import { onShutdownSignal, runUntilStopped } from '../shutdown.js';

export function registerCollect(program: Command): void {
  program
    .command('collect')
    .description('Collect tracked-hashtag posts and refresh their engagement counts')
    .option('--once', 'run one collection and exit (exit code 0 when every network succeeded)')
    .addOption(
      new Option('--refresh <mode>', 'which known posts get their counts re-read').choices(['due', 'all', 'none']).default('due'),
    )
    .option('--wait', 'when another collector holds this database, wait for it to finish instead of exiting with status 3')
    .addHelpText(
      'after',
      '\nWithout --once the command keeps running and collects on the COLLECT_CRON schedule (default every 15 minutes).\n' +
        'Each network is skipped with a notice when its credentials are not set; see README.md "Configuration".\n' +
        'Only one collector runs per database: a second one names the running one and exits with status 3, or waits with --wait.',
    )
    .action(async (opts: { once?: boolean; refresh: RefreshMode; wait?: boolean }) => {
      const runtime = createRuntime();
      const { config, log } = runtime;
      const db = runtime.db();
      // Before anything else: a second collector must not touch the first one's runs (nor double its requests).
      // While waiting nothing is held, so Ctrl+C simply ends the process.
      let lock;
      try {
        lock = await acquireCollectorLock({ db, command: opts.once ? 'collect --once' : 'collect', log, wait: opts.wait ?? false });
      } catch (error) {
        runtime.close();
        throw error;
      }
      const abandoned = markAbandonedRunsInterrupted(db, Date.now());
      if (abandoned > 0) log.warn({ abandoned }, 'marked runs left unfinished by a previous process as interrupted');
      const attribution = createPostAttributionStep({
        db,
        loadShareables: createShareablesLoader({ file: config.shareablesFile, hashtags: config.hashtags, log }),
        log,
      });
      if (opts.once) {
        const controller = new AbortController();
        lock.lost.addEventListener('abort', () => controller.abort(), { once: true });
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
          lock.release();
          runtime.close();
        }
        return;
      }
      const job = scheduleCollection({ config, db, log, attribution, refresh: opts.refresh });
      log.info({ cron: config.collectCron }, 'collector scheduled; press Ctrl+C to stop');
      const held = lock;
      await runUntilStopped(
        async () => {
          await job.stop();
          held.release();
          runtime.close();
        },
        held.lost,
        log,
      );
    });
}
