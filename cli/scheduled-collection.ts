// The collector on its COLLECT_CRON schedule, each collection followed by attributing what it stored
// to the shareables it used and by alert detection; `collect` (without --once) and `start` run the same job.
import { collectOnce } from '../collector/collect-once.js';
import type { RefreshMode } from '../collector/run-collection.js';
import { scheduleJob, type ScheduledJob } from '../core/scheduler.js';
import type { Logger } from '../core/logger.js';
import type { Db } from '../db/connection.js';
import { createAlertStep } from '../reports/alerts/alert-step.js';
import type { PostAttributionStep } from '../shareables/attribute-collected-posts.js';
import type { Config } from './config.js';

export interface ScheduledCollectionOptions {
  config: Config;
  db: Db;
  log: Logger;
  attribution: PostAttributionStep;
  refresh: RefreshMode;
  /** Runs after each collection and its attribution, e.g. to refresh the dashboard's answers. */
  afterCollection?: () => Promise<unknown>;
}

/** Starts collecting now and on every COLLECT_CRON tick, never two collections at once. */
export function scheduleCollection(options: ScheduledCollectionOptions): ScheduledJob {
  const { config, db, log, attribution, refresh, afterCollection } = options;
  const alerts = createAlertStep({
    db,
    log,
    timeZone: config.reportTimeZone,
    baselineWeeks: config.alerts.baselineWeeks,
    quietHours: config.alerts.quietHours,
    maxPerDay: config.alerts.maxPerDay,
    channels: {
      email: config.reports.smtpUrl && config.alerts.recipients.length > 0 ? { smtpUrl: config.reports.smtpUrl, from: config.reports.from, recipients: config.alerts.recipients } : null,
      webhookUrl: config.alerts.webhookUrl,
    },
  });
  return scheduleJob({
    name: 'collection',
    cronExpression: config.collectCron,
    log,
    runAtStart: true,
    job: async (signal) => {
      try {
        await collectOnce(config, db, log, { refresh, signal });
      } finally {
        // Whatever the collection stored before it ended is attributed now.
        await attribution.run(signal);
        // Attribution first, so an alert can say which of the hour's posts were ready-made.
        if (!signal.aborted) await alerts.run();
        if (afterCollection && !signal.aborted) await afterCollection();
      }
    },
  });
}
