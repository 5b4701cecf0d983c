// The long-running tracker as one unit: the collector (each collection followed by shareable
// attribution) and the weekly report on their cron schedules, and the dashboard server with the
// action page. `start` runs it from the environment; `demo` runs it against the fake networks.
// Stopping waits for a running collection to commit or abandon its page.
import { checkPostsStillExist } from '../collector/check-posts-exist.js';
import { acquireCollectorLock, type HeldCollectorLock } from '../collector/collector-lock.js';
import { scheduleJob } from '../core/scheduler.js';
import { markAbandonedRunsInterrupted } from '../db/runs.js';
import { runScheduledWeeklyReport } from '../reports/scheduled-report.js';
import { createShareableAdoptionSource } from '../shareables/adoption-report-source.js';
import { createPostAttributionStep } from '../shareables/attribute-collected-posts.js';
import { createShareablesLoader } from '../shareables/campaign-shareables.js';
import { createConfiguredDashboard, listenConfigured } from './configured-dashboard.js';
import type { Runtime } from './runtime.js';
import { scheduleCollection } from './scheduled-collection.js';
import { loadAmplifierAccounts } from './amplifier-accounts-file.js';

export interface RunningTracker {
  /** Where this machine reaches the dashboard, e.g. http://127.0.0.1:8080 (loopback when it listens on every interface). */
  url: string;
  /** Where it really listens, dashboard and public pages, one line each, for the person who started it. */
  banner: string[];
  /** Aborts if another process took the collector lease over (this one missed its heartbeats). */
  lost: AbortSignal;
  stop(): Promise<void>;
}

export interface TrackerOptions {
  /** Shows the "demo data" banner on the dashboard. */
  demo?: boolean;
  /** When another collector holds the database, wait for it (default: fail with CollectorBusyError). */
  waitForCollector?: boolean;
  /** Runs after each collection (and its attribution), once the dashboard's answers are fresh; the demo writes its reports here. */
  afterCollection?: () => Promise<unknown>;
}

export async function runTracker(runtime: Runtime, options: TrackerOptions = {}): Promise<RunningTracker> {
  const { config, log } = runtime;
  const db = runtime.db();
  // One collector per database: taken before touching runs, so a second start never marks the first one's live runs interrupted.
  const lock = await acquireCollectorLock({ db, command: 'start', log, wait: options.waitForCollector ?? false });
  try {
    return await startTracker(runtime, options, lock);
  } catch (error) {
    lock.release();
    throw error;
  }
}

async function startTracker(runtime: Runtime, options: TrackerOptions, lock: HeldCollectorLock): Promise<RunningTracker> {
  const { config, log } = runtime;
  const db = runtime.db();
  markAbandonedRunsInterrupted(db, Date.now());

  // Read once for the process; a broken content file is reported here and collection goes on without it.
  const loadShareables = createShareablesLoader({ file: config.shareablesFile, hashtags: config.hashtags, log });
  const shareables = loadShareables();
  const attribution = createPostAttributionStep({ db, loadShareables, log });

  const server = createConfiguredDashboard(runtime, { demo: options.demo ?? false, shareables });
  // Listen first: a busy port should stop the start before any collection begins.
  const listening = await listenConfigured(server, config);

  const collection = scheduleCollection({
    config,
    db,
    log,
    attribution,
    refresh: 'due',
    afterCollection: async () => {
      await server.refreshRecentAnswers();
      await options.afterCollection?.();
    },
  });
  const weeklyReport = scheduleJob({
    name: 'weekly report',
    cronExpression: config.reports.cron,
    timeZone: config.reportTimeZone,
    log,
    job: async () => {
      await runScheduledWeeklyReport({
        db,
        dir: config.reports.dir,
        timeZone: config.reportTimeZone,
        hashtags: config.hashtags,
        log,
        email: { smtpUrl: config.reports.smtpUrl, from: config.reports.from, recipients: config.reports.recipients },
        shareableAdoption: createShareableAdoptionSource({ db, loadShareables }),
        moments: loadShareables()?.content.moments ?? [],
        intelligence: { compareHashtags: config.compareHashtags, accountMap: loadAmplifierAccounts(config.amplifierAccountsFile, log) },
        verifyPostsExist: (posts) => checkPostsStillExist(config, db, log, posts),
      });
    },
  });
  log.info(
    { collectCron: config.collectCron, reportCron: config.reports.cron, database: config.databaseFile },
    `jobquality-tracker running: open ${listening.dashboard.localUrl}/ on this machine — press Ctrl+C to stop`,
  );

  return {
    url: listening.dashboard.localUrl,
    banner: listening.banner,
    lost: lock.lost,
    async stop() {
      await Promise.all([collection.stop(), weeklyReport.stop()]);
      lock.release();
      await listening.close();
    },
  };
}
