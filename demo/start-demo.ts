// The whole product against simulated networks: the fake X, Bluesky and Mastodon servers play a
// live #jobquality campaign, the real tracker (collector, weekly report, dashboard with its "demo
// data" banner) runs against them with a fresh database, and the campaign moves on every minute.
import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { runTracker } from '../cli/run-tracker.js';
import { createRuntime, type Runtime } from '../cli/runtime.js';
import { checkPostsStillExist } from '../collector/check-posts-exist.js';
import type { Logger } from '../core/logger.js';
import { createShareableAdoptionSource } from '../shareables/adoption-report-source.js';
import { createShareablesLoader, type CampaignShareables } from '../shareables/campaign-shareables.js';
import type { DemoNetwork } from './campaign-cast.js';
import { BACKLOG_MS, CampaignSimulation, type SimulationStep } from './campaign-simulation.js';
import { ComparatorChatter, COMPARATOR_HASHTAGS } from './comparator-chatter.js';
import { writeDemoContentFile } from './demo-content.js';
import { collectDemoHistory, DemoClock, HISTORY_WEEKS } from './demo-history.js';
import { DemoNetworks } from './demo-networks.js';
import { writeDemoReports } from './demo-reports.js';

export interface DemoOptions {
  /** Deleted and created afresh at start, so the backlog and the database agree. */
  databaseFile: string;
  reportsDir: string;
  /** Where the dashboard listens (the usual HOST/PORT defaults: 127.0.0.1 and 8080; port 0 picks a free one). */
  host?: string;
  port?: number | string;
  /** The same seed plays out the same campaign. */
  seed?: number;
  /** Collection schedule (default every minute). */
  collectCron?: string;
  /** The backlog runs up to this time (default: now); the first tick catches up from there. */
  backlogEndsAt?: number;
  /** Move the campaign on every minute by itself (default true); tests call `tick()` instead. */
  liveTicks?: boolean;
  logLevel?: string;
  logFormat?: 'pretty' | 'json';
  /** TZ_REPORTS for the dashboard and reports. */
  timeZone?: string;
}

export interface RunningDemo {
  /** Where the dashboard answers, e.g. http://127.0.0.1:8080 */
  url: string;
  /** The tracker's configuration, logger and database. */
  runtime: Runtime;
  simulation: CampaignSimulation;
  /** Posts of the earlier weeks collected before the demo's start (demo/demo-history.ts). */
  historyPosts: number;
  networks: DemoNetworks;
  /** Resolves to the report files once the first collection's reports (last week, this week so far) are written. */
  reportsWritten: Promise<string[]>;
  /** Moves the campaign on to `atMs` (default now): new posts, deletions and grown counts on the fakes. */
  tick(atMs?: number): SimulationStep;
  /** Stops the ticks and the tracker (waiting for a running collection), then closes the fakes. */
  stop(): Promise<void>;
}

export const DEFAULT_DEMO_SEED = 20_240_601;
/**
 * Re-read counts more often than the production default (1h,1d,7d,30d), so someone watching the
 * demo for a few minutes sees engagement grow; the spend it shows is correspondingly higher.
 */
export const DEMO_REFRESH_SCHEDULE = '2m,5m,15m,30m,1h,2h,6h,1d,7d';
const EVERY_MINUTE = '* * * * *';
/** The demo's reports are written after the first collection and then at most this often. */
const REPORT_INTERVAL_MS = 60 * 60_000;
const WEEK_MS = 7 * 24 * 60 * 60_000;

/** The ready-made posts of the action page per collected network, for the simulated supporters to use. */
function readyMadePosts(shareables: CampaignShareables | null): Partial<Record<DemoNetwork, string[]>> {
  const byNetwork: Partial<Record<DemoNetwork, string[]>> = {};
  for (const post of shareables?.generated.posts ?? []) {
    if (post.network === 'x' || post.network === 'bluesky' || post.network === 'mastodon') (byNetwork[post.network] ??= []).push(post.text);
  }
  return byNetwork;
}

/** Milliseconds until the next half minute: ticks land between the collector's on-the-minute runs. */
export function msUntilNextTick(nowMs: number): number {
  return ((90_000 - (nowMs % 60_000)) % 60_000) || 60_000;
}

/** A fresh start: the database and its WAL files go, so the backlog and the database agree. */
function removeDatabaseFiles(databaseFile: string): void {
  if (databaseFile === ':memory:') return;
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${databaseFile}${suffix}`, { force: true });
}

/** The tracker's runtime for the demo. Only these settings reach it: real tokens in the environment never meet the demo. */
function demoRuntime(options: DemoOptions, networks: DemoNetworks, contentFile: string): Runtime {
  return createRuntime({
    SHAREABLES_FILE: contentFile,
    COMPARE_HASHTAGS: COMPARATOR_HASHTAGS.join(','),
    JOBQUALITY_DB: options.databaseFile,
    REPORTS_DIR: options.reportsDir,
    COLLECT_CRON: options.collectCron ?? EVERY_MINUTE,
    REFRESH_SCHEDULE: DEMO_REFRESH_SCHEDULE,
    TRACK_HASHTAGS: 'jobquality',
    ...(options.host !== undefined ? { HOST: options.host } : {}),
    ...(options.port !== undefined ? { PORT: String(options.port) } : {}),
    ...(options.timeZone !== undefined ? { TZ_REPORTS: options.timeZone } : {}),
    ...(options.logLevel !== undefined ? { LOG_LEVEL: options.logLevel } : {}),
    ...(options.logFormat !== undefined ? { LOG_FORMAT: options.logFormat } : {}),
    ...networks.collectorEnv,
  });
}

/** A promise of the first reports' files, with its settle functions. */
function firstReportsDeferred() {
  let settle!: { resolve: (files: string[]) => void; reject: (error: unknown) => void };
  const promise = new Promise<string[]>((resolve, reject) => (settle = { resolve, reject }));
  // A demo stopped before its first collection has no reports; nobody needs to hear about it.
  promise.catch(() => undefined);
  return { promise, ...settle };
}

/** What runs after each collection: the demo's weekly reports, at most once per REPORT_INTERVAL_MS; the first settles `firstReports`. */
function reportWriter(runtime: Runtime, loadShareables: () => CampaignShareables | null, firstReports: ReturnType<typeof firstReportsDeferred>) {
  const { config, log } = runtime;
  const db = runtime.db();
  let reportedAt: number | null = null;
  return async () => {
    if (reportedAt !== null && Date.now() - reportedAt < REPORT_INTERVAL_MS) return;
    reportedAt = Date.now();
    try {
      const files = await writeDemoReports({
        db,
        dir: config.reports.dir,
        timeZone: config.reportTimeZone,
        hashtags: config.hashtags,
        now: Date.now(),
        log,
        verifyPostsExist: (posts) => checkPostsStillExist(config, db, log, posts),
        shareableAdoption: createShareableAdoptionSource({ db, loadShareables }),
        moments: loadShareables()?.content.moments ?? [],
        intelligence: { compareHashtags: config.compareHashtags },
      });
      log.info({ files: files.length }, 'demo weekly reports written (last week and this week so far)');
      firstReports.resolve(files);
    } catch (error) {
      log.error({ err: error instanceof Error ? error.message : String(error) }, 'the demo could not write its weekly reports');
      firstReports.reject(error);
    }
  };
}

/**
 * The earlier, quieter weeks before the backlog (campaign and comparator chatter), collected with
 * the clock turned back (demo/demo-history.ts), so the first run has usual weeks to compare with.
 */
async function collectEarlierWeeks(runtime: Runtime, networks: DemoNetworks, clock: DemoClock, startMs: number, options: DemoOptions, readyMade: Partial<Record<DemoNetwork, string[]>>): Promise<number> {
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const untilMs = startMs - BACKLOG_MS;
  const fromMs = untilMs - HISTORY_WEEKS * WEEK_MS;
  const campaign = new CampaignSimulation({ seed: seed + 1, startMs: untilMs, readyMade, idPrefix: 'e' });
  const chatter = new ComparatorChatter(seed + 3, untilMs, { quiet: true, idPrefix: 'earlier-other-' });
  const posts = [...campaign.history(fromMs, untilMs), ...chatter.between(fromMs, untilMs)].sort((a, b) => a.createdAtMs - b.createdAtMs);
  await collectDemoHistory({ config: runtime.config, db: runtime.db(), log: runtime.log, networks, clock, posts, fromMs, untilMs });
  return posts.length;
}

/** The campaign, the fakes and the tracker, started together; what is started is closed again if a later step fails. */
async function startParts(options: DemoOptions, networks: DemoNetworks, clock: DemoClock, firstReports: ReturnType<typeof firstReportsDeferred>) {
  let runtime: Runtime | undefined;
  try {
    const startMs = options.backlogEndsAt ?? Date.now();
    // The sample content plus the simulated weeks' campaign moments, beside the demo's reports.
    const contentFile = writeDemoContentFile(resolve('shareables/sample-content.yaml'), join(dirname(resolve(options.reportsDir)), 'demo-content.yaml'), startMs);
    runtime = demoRuntime(options, networks, contentFile);
    const { config, log } = runtime;
    const loadShareables = createShareablesLoader({ file: config.shareablesFile, hashtags: config.hashtags, log });
    const readyMade = readyMadePosts(loadShareables());
    const historyPosts = await collectEarlierWeeks(runtime, networks, clock, startMs, options, readyMade);
    const simulation = new CampaignSimulation({ seed: options.seed ?? DEFAULT_DEMO_SEED, startMs, readyMade });
    const chatter = new ComparatorChatter((options.seed ?? DEFAULT_DEMO_SEED) + 2, startMs);
    // The fakes show the world as it was when the backlog ends; ticks bring it up to date.
    networks.publish(simulation.backlog(), startMs);
    networks.publish(chatter.backlog(), startMs);
    const tracker = await runTracker(runtime, { demo: true, afterCollection: reportWriter(runtime, loadShareables, firstReports) });
    return { runtime, simulation, chatter, historyPosts, tracker };
  } catch (error) {
    runtime?.close();
    await networks.close();
    throw error;
  }
}

/** Moving the campaign on: new posts, deletions and grown counts published to the fakes. */
function campaignTicker(simulation: CampaignSimulation, chatter: ComparatorChatter, networks: DemoNetworks, log: Logger) {
  return (atMs: number = Date.now()): SimulationStep => {
    const step = simulation.advance(atMs);
    networks.publish(step.published, atMs);
    networks.remove(step.deleted);
    networks.updateCounts(simulation.posts, atMs);
    networks.publish(chatter.advance(atMs), atMs);
    networks.updateCounts(chatter.posts, atMs);
    log.debug({ published: step.published.length, deleted: step.deleted.length }, 'the simulated campaign moved on');
    return step;
  };
}

/** Calls `tick` every minute, between the collector's runs, until the returned function stops it. */
function startLiveTicks(tick: () => unknown, log: Logger): () => void {
  let timer: NodeJS.Timeout | undefined;
  const scheduleTick = () => {
    timer = setTimeout(() => {
      try {
        tick();
      } catch (error) {
        log.error({ err: error instanceof Error ? error.message : String(error) }, 'the simulated campaign failed to move on');
      }
      scheduleTick();
    }, msUntilNextTick(Date.now()));
  };
  scheduleTick();
  return () => clearTimeout(timer);
}

export async function startDemo(options: DemoOptions): Promise<RunningDemo> {
  removeDatabaseFiles(options.databaseFile);
  const clock = new DemoClock();
  const networks = await DemoNetworks.start(undefined, clock.now);
  const firstReports = firstReportsDeferred();
  const { runtime, simulation, chatter, historyPosts, tracker } = await startParts(options, networks, clock, firstReports);
  const log = runtime.log.child({ module: 'demo' });
  const tick = campaignTicker(simulation, chatter, networks, log);
  const stopTicks = (options.liveTicks ?? true) ? startLiveTicks(() => tick(), log) : () => undefined;

  let stopping: Promise<void> | undefined;
  return {
    url: tracker.url,
    runtime,
    reportsWritten: firstReports.promise,
    simulation,
    historyPosts,
    networks,
    tick,
    stop() {
      stopping ??= (async () => {
        stopTicks();
        try {
          await tracker.stop();
        } finally {
          runtime.close();
          await networks.close();
        }
      })();
      return stopping;
    },
  };
}
