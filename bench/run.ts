// `npm run bench`: builds (or reuses) a baseline and a target campaign database, times the write
// path and every dashboard API request on both in one run, prints a Markdown report and saves it
// under the data folder. Progress goes to stderr, the report to stdout.
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { createLogger, type Logger } from '../core/logger.js';
import { BENCH_NOW, BENCH_TIME_ZONE, positiveInteger } from './bench-settings.js';
import { ensureCampaignDatabase, openCampaignDatabase, scratchCopy, SCHEMA_VERSION, type CampaignDatabase } from './campaign-database.js';
import { dashboardCases, measureApi, type ApiCase, type ApiMeasurement } from './measure-api.js';
import { measureCold, type ColdMeasurement } from './measure-cold.js';
import { formatFirstChart, measureFirstChart } from './first-chart.js';
import { measureOptions, type OptionsResult } from './measure-options.js';
import { openDatabase } from '../db/connection.js';
import { postIndexOf } from '../db/post-index.js';
import { restorePreviousCoveringIndexes } from '../db/previous-indexes.js';
import { countPostsAndSnapshots } from '../db/table-sizes.js';
import { measureTriggerCosts, type TriggerCosts } from './measure-triggers.js';
import { measureServerMemory, type ServerMemory } from './server-memory.js';
import { measureWritePages, type WriteTimings } from './measure-writes.js';
import type { PopulateProgress } from './populate.js';
import { formatReport, INTERACTIVE_MS, type ColdResult, type ScaleResult } from './results-report.js';
import { createCampaign, type Campaign } from './synthetic-campaign.js';

/** Posts and snapshots counted in a --target-file (the report shows them for the target scale). */
let targetSizes: { posts: number; snapshots: number } | null = null;


interface BenchOptions {
  posts: number;
  snapshotsPerPost: number;
  baselinePosts: number;
  days: number;
  seed: number;
  full: boolean;
  warmup: number;
  repetitions: number;
  writePages: number;
  coldRepetitions: number;
  previous: boolean;
  targetFile?: string;
  targetLabel?: string;
  now?: string;
  only?: string;
  buildOnly: boolean;
  triggerCosts: boolean;
  skipWarm: boolean;
  firstChart: boolean;
  firstChartLoads: number;
  dataDir: string;
}

const program = new Command('bench')
  .description('Benchmark the dashboard API and the write path on a synthetic campaign, at a baseline and a target scale.')
  .option('--posts <n>', 'posts at the target scale', positiveInteger, 100_000)
  .option('--snapshots-per-post <n>', 'metric readings per post (each stores a snapshot), 1..12', positiveInteger, 10)
  .option('--full', 'the target scale of issue 4: 1,000,000 posts and 10 snapshots per post (10M snapshots)', false)
  .option('--baseline-posts <n>', 'posts at the baseline scale the target is compared with', positiveInteger, 10_000)
  .option('--days <n>', 'length of the campaign in days', positiveInteger, 180)
  .option('--seed <n>', 'generator seed', positiveInteger, 1)
  .option('--warmup <n>', 'untimed requests per case', positiveInteger, 1)
  .option('--repetitions <n>', 'timed requests per case', positiveInteger, 5)
  .option('--write-pages <n>', 'timed 100-post pages per kind', positiveInteger, 20)
  .option('--cold-repetitions <n>', 'timed cold requests per case at the target scale, each after its own collection', positiveInteger, 3)
  .option('--target-file <file>', 'time this existing database (at the current schema after migrating) as the target scale instead of building one; copy it first, it is migrated in place')
  .option('--target-label <text>', 'the target scale\'s label in the report (with --target-file)')
  .option('--now <iso>', 'the benchmark clock (default 2026-06-30T16:00:00Z); with --target-file, just after its last collection')
  .option('--no-previous', 'skip timing the previous implementation (SQL only, no in-memory index) cold')
  .option('--only <text>', 'only API cases whose name contains this text (or any of texts separated by |)')
  .option('--build-only', 'build (or find) the databases and stop', false)
  .option('--no-trigger-costs', 'skip timing write pages without each trigger group and index')
  .option('--skip-warm', 'skip the warm (repeated, cached) API timings; the cold ones remain', false)
  .option('--first-chart', 'only time the dashboard\'s first chart in Chromium, cold, at the target scale (needs `npm run build`)', false)
  .option('--first-chart-loads <n>', 'cold loads with --first-chart, each with its own server process', positiveInteger, 5)
  .option('--data-dir <dir>', 'where databases and results are kept (gitignored)', './data/bench');

interface Scale {
  label: string;
  campaign: Campaign;
  /** The API's clock at this scale. */
  now: number;
}

/** The options as given, with --full applied and the clocks checked. */
function parseOptions(): BenchOptions & { targetNow: number } {
  const options = program.parse().opts<BenchOptions>();
  if (options.full) {
    options.posts = 1_000_000;
    options.snapshotsPerPost = 10;
  }
  // The target's clock may differ (--now, for a database the benchmark did not build); the baseline keeps the default.
  const targetNow = options.now !== undefined ? Date.parse(options.now) : BENCH_NOW;
  if (Number.isNaN(targetNow)) throw new InvalidArgumentError(`--now must be an ISO date-time (got ${options.now})`);
  return { ...options, targetNow };
}

const thousands = (posts: number) => (posts >= 1_000_000 ? `${posts / 1_000_000}M` : `${(posts / 1000).toLocaleString('en-US')}k`);

function scalesOf(options: BenchOptions & { targetNow: number }): [Scale, Scale] {
  const campaignOf = (posts: number, now: number) => createCampaign({ posts, snapshotsPerPost: options.snapshotsPerPost, days: options.days, seed: options.seed, now });
  return [
    { label: thousands(options.baselinePosts), campaign: campaignOf(options.baselinePosts, BENCH_NOW), now: BENCH_NOW },
    { label: options.targetLabel ?? thousands(options.posts), campaign: campaignOf(options.posts, options.targetNow), now: options.targetNow },
  ];
}

/** The database of one scale: the --target-file as given, else built or found in the cache. */
function databaseOf(scale: Scale, dataDir: string, targetFile: string | undefined): CampaignDatabase {
  const { label, campaign } = scale;
  if (targetFile) {
    const started = performance.now();
    const db = openDatabase(targetFile);
    const sizes = countPostsAndSnapshots(db);
    db.close();
    targetSizes = sizes;
    process.stderr.write(`[${label}] using ${targetFile} (${sizes.posts.toLocaleString('en-US')} posts, ${sizes.snapshots.toLocaleString('en-US')} snapshots; opened and migrated in ${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
    return { file: targetFile, origin: 'cached', populate: null, migrateMs: null };
  }
  process.stderr.write(`[${label}] database for ${campaign.options.posts.toLocaleString('en-US')} posts × ${campaign.options.snapshotsPerPost} readings, schema v${SCHEMA_VERSION}\n`);
  const database = ensureCampaignDatabase(
    dataDir,
    campaign,
    (progress) => process.stderr.write(`[${label}] ${progressLine(progress, campaign)}\n`),
    (stored, total) => process.stderr.write(`[${label}] comparator posts ${stored.toLocaleString('en-US')} of ${total.toLocaleString('en-US')}\n`),
  );
  if (database.origin === 'migrated') process.stderr.write(`[${label}] upgraded a cached database to schema v${SCHEMA_VERSION} in ${(database.migrateMs! / 1000).toFixed(1)} s\n`);
  process.stderr.write(`[${label}] ${database.origin}: ${database.file}\n`);
  return database;
}

/**
 * Write pages on a scratch copy, and at the target scale the cold answers (on the same copy, after
 * the writes) and each trigger group's cost (on a second copy: dropping triggers spoils its rollups).
 */
async function measureOnCopies(scale: Scale, database: CampaignDatabase, isTarget: boolean, cases: ApiCase[], options: BenchOptions, log: Logger) {
  const copy = scratchCopy(database.file);
  let writes: WriteTimings;
  let cold: ColdResult | null = null;
  let triggers: TriggerCosts | null = null;
  try {
    process.stderr.write(`[${scale.label}] timing ${options.writePages} pages of 100 new posts and of 100 refreshes on a copy\n`);
    const db = openCampaignDatabase(copy.file);
    try {
      writes = measureWritePages(db, scale.campaign, options.writePages);
    } finally {
      db.close();
    }
    // After the writes: the comparison puts the previous implementation's indexes back on the copy.
    if (isTarget) cold = await measureColdAnswers(scale.label, copy.file, scale.campaign, cases, options, log, scale.now);
  } finally {
    copy.remove();
  }
  if (isTarget && options.triggerCosts) triggers = measureTriggersOnCopy(scale, database.file, options.writePages);
  return { writes, cold, triggers };
}

function measureTriggersOnCopy(scale: Scale, file: string, pages: number): TriggerCosts {
  const copy = scratchCopy(file);
  try {
    process.stderr.write(`[${scale.label}] timing write pages without each trigger group and index, on a copy\n`);
    const db = openCampaignDatabase(copy.file);
    try {
      return measureTriggerCosts(db, scale.campaign, pages, (line) => process.stderr.write(`[${scale.label}] ${line}\n`));
    } finally {
      db.close();
    }
  } finally {
    copy.remove();
  }
}

/** Every API case computed and repeated (cached) on the database itself. */
async function measureWarm(scale: Scale, database: CampaignDatabase, cases: ApiCase[], options: BenchOptions, log: Logger): Promise<ApiMeasurement[]> {
  const db = openCampaignDatabase(database.file);
  try {
    process.stderr.write(`[${scale.label}] timing ${cases.length} API requests (${options.warmup} warm-up + ${options.repetitions} timed each)\n`);
    return await measureApi({
      db,
      now: scale.now,
      timeZone: BENCH_TIME_ZONE,
      hashtags: scale.campaign.hashtags,
      log,
      cases,
      warmup: options.warmup,
      repetitions: options.repetitions,
      onCase: (m) => process.stderr.write(`[${scale.label}] ${m.name}: median ${m.timing.medianMs.toFixed(1)} ms, p95 ${m.timing.p95Ms.toFixed(1)} ms${m.timing.medianMs > INTERACTIVE_MS ? ' (slow)' : ''}\n`),
    });
  } finally {
    db.close();
  }
}

async function main(): Promise<void> {
  const options = parseOptions();
  const dataDir = resolve(options.dataDir);
  mkdirSync(dataDir, { recursive: true });
  const log = createLogger({ level: 'warn' });
  const startedAt = new Date().toISOString();
  const scales = scalesOf(options);
  if (options.firstChart) return timeFirstChart(scales[1], databaseOf(scales[1], dataDir, options.targetFile), options.firstChartLoads, dataDir);
  const databases = scales.map((scale, i) => databaseOf(scale, dataDir, i === scales.length - 1 ? options.targetFile : undefined));
  if (options.buildOnly) return;

  const results: ScaleResult[] = [];
  let cold: ColdResult | null = null;
  let triggers: TriggerCosts | null = null;
  let serverMemory: ServerMemory | null = null;
  for (const [i, scale] of scales.entries()) {
    const database = databases[i]!;
    const isTarget = i === scales.length - 1;
    // --only 'share-of-voice|amplifiers': any of the texts.
    const cases = dashboardCases(scale.now, BENCH_TIME_ZONE, scale.campaign.hashtags).filter((c) => !options.only || options.only.split('|').some((text) => c.name.includes(text)));
    const measured = await measureOnCopies(scale, database, isTarget, cases, options, log);
    if (isTarget) {
      ({ cold, triggers } = measured);
      process.stderr.write(`[${scale.label}] measuring a server-like process's memory (index built, every request answered once)\n`);
      serverMemory = await measureServerMemory({ file: database.file, now: scale.now, timeZone: BENCH_TIME_ZONE, hashtags: [...scale.campaign.hashtags] });
    }
    const api = options.skipWarm ? [] : await measureWarm(scale, database, cases, options, log);
    const origin = database.origin === 'migrated' ? `cached, migrated to v${SCHEMA_VERSION} in ${(database.migrateMs! / 1000).toFixed(1)} s` : database.origin;
    results.push({ label: scale.label, ...statsOf(database, scale.campaign), origin, fileBytes: statSync(database.file).size, populate: database.populate, writes: measured.writes, api });
  }

  const cpu = cpus();
  const targetNow = scales[1].now;
  const report = formatReport({
    startedAt,
    machine: `${cpu[0]?.model ?? 'unknown CPU'} × ${cpu.length}, ${(totalmem() / 2 ** 30).toFixed(0)} GB RAM, Node ${process.version}`,
    settings: `${options.days}-day campaign ending ${new Date(BENCH_NOW).toISOString()}${targetNow !== BENCH_NOW ? ` (target: ${new Date(targetNow).toISOString()})` : ''}, seed ${options.seed}, ${options.snapshotsPerPost} readings per post, TZ ${BENCH_TIME_ZONE}, schema v${SCHEMA_VERSION}, ${options.warmup} warm-up + ${options.repetitions} timed requests per case`,
    baseline: results[0]!,
    target: results[1]!,
    cold,
    triggers,
    serverMemory,
  });
  const file = join(dataDir, `results-${startedAt.slice(0, 16).replace(':', '')}.md`);
  writeFileSync(file, report);
  process.stdout.write(report);
  process.stderr.write(`Saved to ${file}\n`);
}

/** `--first-chart`: the dashboard's first chart in Chromium, cold, on a scratch copy of the target database; printed and saved. */
async function timeFirstChart(scale: Scale, database: CampaignDatabase, loads: number, dataDir: string): Promise<void> {
  const copy = scratchCopy(database.file);
  try {
    const posts = statsOf(database, scale.campaign).posts;
    process.stderr.write(`[${scale.label}] timing ${loads} cold dashboard loads in Chromium, each with its own server process\n`);
    const result = await measureFirstChart({
      label: scale.label,
      file: copy.file,
      posts,
      campaign: scale.campaign,
      now: scale.now,
      timeZone: BENCH_TIME_ZONE,
      loads,
      onLoad: (load, i) => process.stderr.write(`[${scale.label}] load ${i + 1}: first chart (${load.chart}) at ${load.firstChartMs.toFixed(0)} ms, last answer at ${load.lastAnswerMs.toFixed(0)} ms, server CPU ${load.serverCpuToFirstChartMs.toFixed(0)} ms by the first chart, ${load.serverCpuMs.toFixed(0)} ms in all; server started in ${load.serverStartMs.toFixed(0)} ms\n`),
    });
    const report = formatFirstChart(result);
    const file = join(dataDir, `first-chart-${new Date().toISOString().slice(0, 16).replace(':', '')}.md`);
    writeFileSync(file, report);
    process.stdout.write(report);
    process.stderr.write(`Saved to ${file}\n`);
  } finally {
    copy.remove();
  }
}

/**
 * The target scale's cold answers (after a collection), with the in-memory index and, unless
 * --no-previous, without it (the previous implementation), on a scratch copy; then the design
 * options side by side, the index's build time and the process's memory.
 */
async function measureColdAnswers(label: string, file: string, campaign: Campaign, cases: ReturnType<typeof dashboardCases>, options: BenchOptions, log: ReturnType<typeof createLogger>, now: number): Promise<ColdResult> {
  const reader = openCampaignDatabase(file);
  const writer = openDatabase(file);
  try {
    const rssBefore = process.memoryUsage().rss;
    process.stderr.write(`[${label}] building the in-memory index\n`);
    const buildStarted = performance.now();
    const index = postIndexOf(reader)!;
    const indexBuildMs = performance.now() - buildStarted;
    const common = { reader, writer, campaign, now, timeZone: BENCH_TIME_ZONE, log, cases, repetitions: options.coldRepetitions };
    const onCase = (kind: string) => (m: ColdMeasurement) => process.stderr.write(`[${label}] cold ${kind} ${m.name}: ${m.samples.map((v) => v.toFixed(1)).join(', ')} ms\n`);
    process.stderr.write(`[${label}] timing ${cases.length} requests cold (${options.coldRepetitions} each, each after a collection commit), in-memory index\n`);
    const current = await measureCold({ ...common, postIndex: true, firstSerial: 1_000_000, onCase: onCase('index') });
    const catchUpMs = index.stats.lastSyncMs;
    const rssAfter = process.memoryUsage().rss;
    process.stderr.write(`[${label}] putting back the covering indexes that migration 014 dropped, for the previous implementation\n`);
    const restoreStarted = performance.now();
    restorePreviousCoveringIndexes(writer);
    process.stderr.write(`[${label}] ... ${((performance.now() - restoreStarted) / 1000).toFixed(0)} s; comparing designs for the distinct-account questions\n`);
    const optionsResult: OptionsResult = measureOptions(reader, now, BENCH_TIME_ZONE, 3, indexBuildMs, (line) => process.stderr.write(`[${label}] ${line}\n`));
    let previous: ColdMeasurement[] | null = null;
    if (options.previous) {
      process.stderr.write(`[${label}] timing the same requests cold with the previous implementation (SQL only)\n`);
      previous = await measureCold({ ...common, postIndex: false, firstSerial: 2_000_000, onCase: onCase('sql') });
    }
    return { current, previous, options: optionsResult, footprint: index.footprint(), catchUpMs, rssBeforeIndexBytes: rssBefore, rssBytes: rssAfter, heapBytes: process.memoryUsage().heapUsed };
  } finally {
    writer.close();
    reader.close();
  }
}

/** Posts and snapshots the report shows for a scale: counted by the build, else planned by the generator. */
function statsOf(database: CampaignDatabase, campaign: Campaign): { posts: number; snapshots: number } {
  if (targetSizes && database.origin === 'cached' && database.populate === null) return targetSizes;
  if (database.populate) return { posts: database.populate.posts, snapshots: database.populate.snapshots };
  const planned = campaign.plannedTotals();
  return { posts: planned.posts, snapshots: planned.snapshots };
}

function progressLine(progress: PopulateProgress, campaign: Campaign): string {
  const seconds = progress.elapsedMs / 1000;
  const share = progress.posts / progress.totalPosts;
  const eta = share > 0 ? (seconds / share - seconds) / 60 : Number.NaN;
  return [
    `${progress.posts.toLocaleString('en-US')} posts (${Math.round((progress.posts / progress.totalPosts) * 100)}%)`,
    `${progress.readings.toLocaleString('en-US')} readings`,
    `${Math.round(progress.posts / seconds).toLocaleString('en-US')} posts/s`,
    `${Math.round(progress.readings / seconds).toLocaleString('en-US')} readings/s`,
    `campaign day ${new Date(Math.min(progress.at, campaign.end)).toISOString().slice(0, 10)}`,
    Number.isNaN(eta) ? '' : `about ${eta.toFixed(0)} min left`,
  ]
    .filter(Boolean)
    .join(', ');
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
