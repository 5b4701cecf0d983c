// The XL benchmark (issue 14): the summary and the daily and weekly series, cold, on a 10M-post
// campaign, with the post index's per-local-day totals and without them (whole days read post by
// post, the previous implementation at this size; SQL alone is not timed here, it takes seconds an
// answer). Reports what the database cost to build and what the index holds in memory.
// `npm run bench:xl` (the first run builds the database: about an hour here, 6.6 GB).
import { statSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { createLogger } from '../core/logger.js';
import { openDatabase } from '../db/connection.js';
import { postIndexOf, setPostIndexTimeZone } from '../db/post-index.js';
import { countPostsAndSnapshots } from '../db/table-sizes.js';
import { BENCH_NOW, BENCH_TIME_ZONE, positiveInteger } from './bench-settings.js';
import { ensureCampaignDatabase, scratchCopy } from './campaign-database.js';
import { dashboardCases } from './measure-api.js';
import { measureCold, type ColdMeasurement } from './measure-cold.js';
import { COLD_MAX_MS, COLD_P95_MS, coldByEndpoint } from './results-report.js';
import { summarize } from './statistics.js';
import { createCampaign } from './synthetic-campaign.js';

const MB = 1024 * 1024;

const whole = (value: number) => Math.round(value).toLocaleString('en-US');
const ms = (value: number) => value.toFixed(value < 10 ? 1 : 0);

interface Options {
  posts: number;
  snapshotsPerPost: number;
  days: number;
  seed: number;
  coldRepetitions: number;
  only: string;
  dataDir: string;
}

function parseOptions(): Options {
  return new Command('bench:xl')
    .description('summary and daily/weekly series cold at 10M posts, with and without the per-day totals')
    .option('--posts <n>', 'posts in the campaign', positiveInteger, 10_000_000)
    .option('--snapshots-per-post <n>', 'metric readings per post (the summary and series read posts and hourly rollups, not each snapshot)', positiveInteger, 2)
    .option('--days <n>', 'length of the campaign in days', positiveInteger, 180)
    .option('--seed <n>', 'generator seed', positiveInteger, 1)
    .option('--cold-repetitions <n>', 'timed cold requests per case, each after its own collection', positiveInteger, 3)
    .option('--only <regexp>', 'cases to time (by name)', '^summary|^timeseries .*/(day|week)')
    .option('--data-dir <dir>', 'where databases and results are kept (gitignored)', './data/bench')
    .parse()
    .opts<Options>();
}

function comparisonLines(withDays: readonly ColdMeasurement[], postByPost: readonly ColdMeasurement[]): string[] {
  const lines = ['| case | day totals: median / max (ms) | post by post: median / max (ms) | median ratio |', '|---|---|---|---|'];
  for (const m of withDays) {
    const before = postByPost.find((b) => b.name === m.name);
    if (!before) continue;
    const now = summarize(m.samples);
    const then = summarize(before.samples);
    lines.push(`| ${m.name} | ${ms(now.medianMs)} / ${ms(Math.max(...m.samples))} | ${ms(then.medianMs)} / ${ms(Math.max(...before.samples))} | ${(then.medianMs / now.medianMs).toFixed(1)}× |`);
  }
  return lines;
}

function endpointLines(label: string, measurements: readonly ColdMeasurement[]): string[] {
  const lines = [`| ${label} | samples | p95 wall (ms) | p95 CPU (ms) | slowest (ms) | slowest case | over ${COLD_MAX_MS} ms |`, '|---|---|---|---|---|---|---|'];
  for (const [endpoint, f] of coldByEndpoint(measurements)) {
    lines.push(`| ${endpoint} | ${f.samples} | ${ms(f.p95)} | ${ms(f.cpuP95)} | ${ms(f.max)} | ${f.slowest} | ${f.over} |`);
  }
  return lines;
}

async function main(): Promise<void> {
  const options = parseOptions();
  const dataDir = resolve(options.dataDir);
  const log = createLogger({ level: 'warn' });
  const campaign = createCampaign({ posts: options.posts, snapshotsPerPost: options.snapshotsPerPost, days: options.days, seed: options.seed, now: BENCH_NOW });
  const label = `${whole(options.posts)} posts × ${options.snapshotsPerPost} readings`;
  process.stderr.write(`[xl] database for ${label}\n`);
  const database = ensureCampaignDatabase(dataDir, campaign, (p) => process.stderr.write(`[xl] ${whole(p.posts)} posts, ${whole(p.elapsedMs / 1000)} s\n`));
  const copyStarted = performance.now();
  const copy = scratchCopy(database.file);
  process.stderr.write(`[xl] scratch copy in ${((performance.now() - copyStarted) / 1000).toFixed(0)} s\n`);
  const reader = openDatabase(copy.file);
  const writer = openDatabase(copy.file);
  try {
    const sizes = countPostsAndSnapshots(reader);
    const rssBefore = process.memoryUsage().rss;
    setPostIndexTimeZone(reader, BENCH_TIME_ZONE);
    const started = performance.now();
    const index = postIndexOf(reader)!;
    const indexMs = performance.now() - started;
    const days = index.dayTotalsStats()!;
    const rssAfter = process.memoryUsage().rss;
    const footprint = index.footprint();
    process.stderr.write(`[xl] index built in ${(indexMs / 1000).toFixed(1)} s (day totals ${(days.lastRebuildMs / 1000).toFixed(1)} s); RSS ${whole(rssBefore / MB)} → ${whole(rssAfter / MB)} MB\n`);

    const pattern = new RegExp(options.only);
    const cases = dashboardCases(BENCH_NOW, BENCH_TIME_ZONE, campaign.hashtags).filter((c) => pattern.test(c.name));
    const common = { reader, writer, campaign, now: BENCH_NOW, timeZone: BENCH_TIME_ZONE, log, cases, repetitions: options.coldRepetitions, postIndex: true };
    const onCase = (kind: string) => (m: ColdMeasurement) => process.stderr.write(`[xl] ${kind} ${m.name}: ${m.samples.map((v) => v.toFixed(1)).join(', ')} ms\n`);
    process.stderr.write(`[xl] timing ${cases.length} requests cold with the day totals\n`);
    const withDays = await measureCold({ ...common, dayTotals: true, firstSerial: 5_000_000, onCase: onCase('day totals') });
    const rssAnswered = process.memoryUsage().rss;
    process.stderr.write(`[xl] the same post by post\n`);
    const postByPost = await measureCold({ ...common, dayTotals: false, firstSerial: 6_000_000, onCase: onCase('post by post') });

    const all = coldByEndpoint(withDays).get('all')!;
    const build = database.populate;
    const report = [
      `# XL: ${label} (${new Date().toISOString().slice(0, 16)}Z)`,
      '',
      `Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}. TZ ${BENCH_TIME_ZONE}; campaign of ${options.days} days ending ${new Date(BENCH_NOW).toISOString()}.`,
      '',
      '## What it costs',
      '',
      `- Database: ${whole(sizes.posts)} posts, ${whole(sizes.snapshots)} snapshots, ${whole(statSync(database.file).size / MB)} MB on disk.`,
      build ? `- Build (bench/populate.ts, every store call as the collector makes it): ${(build.elapsedMs / 60_000).toFixed(0)} min, ${whole(build.posts / (build.elapsedMs / 1000))} posts/s.` : '- Build: cached, no record beside the file.',
      `- In-memory post index: built in ${(indexMs / 1000).toFixed(1)} s, of which the per-day totals ${(days.lastRebuildMs / 1000).toFixed(1)} s; its arrays ${whole(footprint.bytes / MB)} MB for ${whole(footprint.posts)} posts and ${whole(footprint.authors)} accounts.`,
      `- Process RSS: ${whole(rssBefore / MB)} MB before the index, ${whole(rssAfter / MB)} MB with it, ${whole(rssAnswered / MB)} MB after the answers below (comparator index included).`,
      '',
      `## Cold answers (${options.coldRepetitions} per case, each the first after a collection commit)`,
      '',
      `Goal: p95 under ${COLD_P95_MS} ms, none over ${COLD_MAX_MS} ms. With the day totals: p95 ${ms(all.p95)} ms wall (${ms(all.cpuP95)} ms CPU), slowest ${ms(all.max)} ms (${all.slowest}), ${all.over} of ${all.samples} over ${COLD_MAX_MS} ms.`,
      '',
      ...endpointLines('with day totals', withDays),
      '',
      ...endpointLines('post by post', postByPost),
      '',
      ...comparisonLines(withDays, postByPost),
      '',
    ].join('\n');
    const file = join(dataDir, `xl-${new Date().toISOString().slice(0, 16).replace(':', '')}.md`);
    writeFileSync(file, report);
    process.stdout.write(report);
    process.stderr.write(`Saved to ${file}\n`);
  } finally {
    writer.close();
    reader.close();
    copy.remove();
  }
}

await main();
