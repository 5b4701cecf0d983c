// The benchmark's Markdown report: each figure at the target scale next to the same figure at the
// baseline scale measured in the same run, as a ratio plus absolute milliseconds. Pure.
import type { ApiMeasurement } from './measure-api.js';
import type { ColdMeasurement } from './measure-cold.js';
import type { OptionsResult } from './measure-options.js';
import { summarize } from './statistics.js';
import type { WriteTimings } from './measure-writes.js';
import type { BuildRecord } from './campaign-database.js';
import type { TriggerCosts } from './measure-triggers.js';
import type { ServerMemory } from './server-memory.js';

/** Medians above this are not interactive (the dashboard's budget per request). */
export const INTERACTIVE_MS = 300;

export interface ScaleResult {
  label: string;
  posts: number;
  snapshots: number;
  /** How the database came to be (built in this run, reused, migrated) and its size. */
  origin: string;
  fileBytes: number;
  /** Build figures, from this run or recorded when the cached file was built. */
  populate: BuildRecord | null;
  writes: WriteTimings;
  api: ApiMeasurement[];
}

/** The target scale's answers first asked after a collection, with and without the in-memory index. */
export interface ColdResult {
  current: ColdMeasurement[];
  /** The previous implementation (SQL only), or null when skipped. */
  previous: ColdMeasurement[] | null;
  options: OptionsResult;
  footprint: { posts: number; authors: number; bytes: number };
  /** The last catch-up of the index after a collection commit. */
  catchUpMs: number;
  rssBeforeIndexBytes: number;
  rssBytes: number;
  heapBytes: number;
}

export interface BenchReport {
  startedAt: string;
  machine: string;
  settings: string;
  baseline: ScaleResult;
  target: ScaleResult;
  cold: ColdResult | null;
  /** What each trigger group and index costs a write page at the target scale, or null when skipped. */
  triggers: TriggerCosts | null;
  /** A server-like child process's memory at the target scale, or null when not measured. */
  serverMemory?: ServerMemory | null;
}

/** Cold answers' goal (issue 14): p95 under this, none over {@link COLD_MAX_MS}. */
export const COLD_P95_MS = 50;
export const COLD_MAX_MS = 150;

/** p95 (nearest rank) and the slowest sample with its case, per endpoint, plus "all". */
export interface ColdFigures {
  samples: number;
  /** Wall clock. */
  p95: number;
  max: number;
  slowest: string;
  over: number;
  /** CPU time of the same requests. */
  cpuP95: number;
  cpuMax: number;
  cpuSlowest: string;
  cpuOver: number;
}

/** p95 (nearest rank) and the slowest sample with its case, wall clock and CPU, per endpoint, plus "all". */
export function coldByEndpoint(measurements: readonly ColdMeasurement[]): Map<string, ColdFigures> {
  const groups = new Map<string, ColdMeasurement[]>();
  for (const m of measurements) groups.set(m.endpoint, [...(groups.get(m.endpoint) ?? []), m]);
  groups.set('all', [...measurements]);
  const result = new Map<string, ColdFigures>();
  for (const [endpoint, group] of groups) {
    const samples = group.flatMap((m) => m.samples);
    const cpu = group.flatMap((m) => m.cpuSamples);
    const slowest = group.reduce((worst, m) => (Math.max(...m.samples) > Math.max(...worst.samples) ? m : worst), group[0]!);
    const cpuSlowest = group.reduce((worst, m) => (Math.max(...m.cpuSamples) > Math.max(...worst.cpuSamples) ? m : worst), group[0]!);
    result.set(endpoint, {
      samples: samples.length,
      p95: summarize(samples).p95Ms,
      max: Math.max(...samples),
      slowest: slowest.name,
      over: samples.filter((v) => v > COLD_MAX_MS).length,
      cpuP95: summarize(cpu).p95Ms,
      cpuMax: Math.max(...cpu),
      cpuSlowest: cpuSlowest.name,
      cpuOver: cpu.filter((v) => v > COLD_MAX_MS).length,
    });
  }
  return result;
}

function coldSection(cold: ColdResult, label: string): string[] {
  const lines: string[] = ['', `## Cold answers at ${label} (first request after a collection)`, ''];
  lines.push(
    `Before every timed request another connection commits a collection (100 new posts, 100 refreshed readings), so the answer cache has nothing and the in-memory index catches up first. Goal: p95 under ${COLD_P95_MS} ms, none over ${COLD_MAX_MS} ms. "previous" is the same run with the index off (SQL only, as before).`,
    '',
  );
  const current = coldByEndpoint(cold.current);
  const previous = cold.previous ? coldByEndpoint(cold.previous) : null;
  lines.push(
    'Wall = elapsed time; CPU = this process\'s CPU time for the same request (on a shared machine, the work without the wait for a core).',
    '',
    '| endpoint | samples | p95 wall (CPU) ms | slowest wall (CPU) ms | slowest request (CPU) | previous p95 wall (CPU) ms | previous slowest wall (CPU) ms | p95 CPU ratio |',
    '|---|---:|---:|---:|---|---:|---:|---:|',
  );
  for (const [endpoint, f] of current) {
    const b = previous?.get(endpoint);
    lines.push(
      `| ${endpoint} | ${f.samples} | ${ms(f.p95)} (${ms(f.cpuP95)}) | ${ms(f.max)} (${ms(f.cpuMax)}) | ${f.slowest} (${f.cpuSlowest}) | ${b ? `${ms(b.p95)} (${ms(b.cpuP95)})` : '–'} | ${b ? `${ms(b.max)} (${ms(b.cpuMax)}), ${b.cpuSlowest}` : '–'} | ${b ? `${(b.cpuP95 / f.cpuP95).toFixed(1)}× less` : '–'} |`,
    );
  }
  const all = current.get('all')!;
  const before = previous?.get('all');
  lines.push(
    '',
    `All ${all.samples} cold answers: p95 ${ms(all.p95)} ms wall (${ms(all.cpuP95)} ms CPU), slowest ${ms(all.max)} ms wall (${all.slowest}) / ${ms(all.cpuMax)} ms CPU (${all.cpuSlowest}); over ${COLD_MAX_MS} ms: ${all.over} wall, ${all.cpuOver} CPU.` +
      (before ? ` Previous implementation: p95 ${ms(before.p95)} ms wall (${ms(before.cpuP95)} ms CPU), slowest ${ms(before.max)} ms wall / ${ms(before.cpuMax)} ms CPU; over ${COLD_MAX_MS} ms: ${before.over} wall, ${before.cpuOver} CPU.` : ''),
  );
  // Downloads stream their rows: the time a user waits is until the file starts; the whole file grows with the range.
  const isDownload = (m: ColdMeasurement) => /\.(csv|xlsx)$/.test(m.endpoint);
  const answers = coldByEndpoint(cold.current.filter((m) => !isDownload(m))).get('all');
  if (answers) {
    lines.push(
      '',
      `The ${answers.samples} dashboard answers without the downloads: p95 ${ms(answers.p95)} ms wall (${ms(answers.cpuP95)} ms CPU), slowest ${ms(answers.max)} ms wall (${answers.slowest}) / ${ms(answers.cpuMax)} ms CPU (${answers.cpuSlowest}); over ${COLD_MAX_MS} ms: ${answers.over} wall, ${answers.cpuOver} CPU.`,
    );
  }
  for (const m of cold.current.filter(isDownload)) {
    lines.push('', `${m.name} (streamed): first bytes after ${m.firstByteSamples.map(ms).join(', ')} ms wall; the whole file after ${m.samples.map(ms).join(', ')} ms wall (${m.cpuSamples.map(ms).join(', ')} ms CPU).`);
  }
  const worst = [...cold.current].sort((a, b) => Math.max(...b.cpuSamples) - Math.max(...a.cpuSamples)).slice(0, 10);
  lines.push('', 'Most expensive cold requests (every sample, wall / CPU):', '', '| request | wall ms | CPU ms |', '|---|---:|---:|');
  for (const m of worst) lines.push(`| ${m.name} | ${m.samples.map(ms).join(', ')} | ${m.cpuSamples.map(ms).join(', ')} |`);

  lines.push('', '### Designs for the distinct-account questions, side by side', '', 'Median of 3 on the same database, answers checked equal to SQL\'s.', '');
  const options = [...new Set(cold.options.timings.map((t) => t.option))];
  const questions = [...new Set(cold.options.timings.map((t) => t.question))];
  lines.push(`| question | ${options.join(' | ')} |`, `|---|${options.map(() => '---:').join('|')}|`);
  for (const question of questions) {
    const cells = options.map((option) => {
      const t = cold.options.timings.find((x) => x.question === question && x.option === option);
      return !t ? '–' : t.timing ? ms(t.timing.medianMs) : `n/a (${t.note ?? ''})`;
    });
    lines.push(`| ${question} | ${cells.join(' | ')} |`);
  }
  lines.push('', '| in-memory design | memory | build |', '|---|---:|---:|');
  for (const f of cold.options.footprints) lines.push(`| ${f.option} | ${mb(f.bytes)} | ${ms(f.buildMs)} ms |`);
  lines.push(
    '',
    `Index: ${count(cold.footprint.posts)} posts, ${count(cold.footprint.authors)} authors, ${mb(cold.footprint.bytes)} of arrays; last catch-up after a collection ${ms(cold.catchUpMs)} ms. Process memory: RSS ${mb(cold.rssBeforeIndexBytes)} before the index was built, ${mb(cold.rssBytes)} after the cold requests (heap ${mb(cold.heapBytes)}).`,
  );
  return lines;
}

const ms = (value: number) => (Number.isNaN(value) ? '–' : value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : Math.round(value).toLocaleString('en-US'));
const ratio = (target: number, baseline: number) => (Number.isNaN(target) || Number.isNaN(baseline) || baseline === 0 ? '–' : `${(target / baseline).toFixed(1)}×`);
const count = (value: number) => Math.round(value).toLocaleString('en-US');
const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(0)} MB`;

function populateLine(scale: ScaleResult): string {
  const stats = scale.populate;
  if (!stats) return `| ${scale.label} | – | – | – | – |`;
  const seconds = stats.elapsedMs / 1000;
  return `| ${scale.label} | ${count(stats.posts / seconds)} | ${count((stats.posts + stats.refreshes) / seconds)} | ${(stats.postStoreMs / stats.posts * 1000).toFixed(0)} µs / ${(stats.refreshStoreMs / Math.max(1, stats.refreshes) * 1000).toFixed(0)} µs | ${count(seconds)} s (${stats.schemaVersion ? `schema v${stats.schemaVersion}, ` : ''}${stats.builtAt.slice(0, 10)}) |`;
}

function triggerSection(triggers: TriggerCosts, label: string): string[] {
  const lines = ['', `What each trigger group and index costs a page at ${label} (CPU ms, the cheapest page of several interleaved rounds; cost = with everything − without the group; one copy, groups dropped one at a time):`, ''];
  lines.push('| without | 100 new posts | cost | 100 refreshes | cost |', '|---|---:|---:|---:|---:|');
  const { all } = triggers;
  lines.push(`| (nothing: every trigger and index) | ${ms(all.newPostsPageCpuMs)} | – | ${ms(all.refreshPageCpuMs)} | – |`);
  for (const t of triggers.without) {
    lines.push(`| ${t.label} | ${ms(t.newPostsPageCpuMs)} | ${ms(all.newPostsPageCpuMs - t.newPostsPageCpuMs)} | ${ms(t.refreshPageCpuMs)} | ${ms(all.refreshPageCpuMs - t.refreshPageCpuMs)} |`);
  }
  return lines;
}

/** The whole report as Markdown. */
export function formatReport(report: BenchReport): string {
  const { baseline, target } = report;
  const lines: string[] = [];
  lines.push(`# Benchmark ${report.startedAt}`, '');
  lines.push(`Machine: ${report.machine}. Settings: ${report.settings}.`, '');
  lines.push('| scale | posts | snapshots | database | file |', '|---|---:|---:|---|---:|');
  for (const scale of [baseline, target]) lines.push(`| ${scale.label} | ${count(scale.posts)} | ${count(scale.snapshots)} | ${scale.origin} | ${mb(scale.fileBytes)} |`);

  lines.push('', '## Write path', '');
  lines.push('Building the database through the collector\'s store functions (rollup triggers included), in large transactions:', '');
  lines.push('| scale | posts stored/s | readings stored/s | per new post / per refresh | build time |', '|---|---:|---:|---:|---:|');
  lines.push(populateLine(baseline), populateLine(target));
  lines.push('', `A collectOnce-sized page (100 posts, one transaction with its run counters), committed on a copy of each database:`, '');
  lines.push(`| page | ${baseline.label} median (p95) ms | ${target.label} median (p95) ms | ratio |`, '|---|---:|---:|---:|');
  for (const [name, key] of [
    ['100 new posts', 'newPostsPage'],
    ['100 refreshed readings', 'refreshPage'],
    ['100 new posts, CPU time', 'newPostsPageCpu'],
    ['100 refreshed readings, CPU time', 'refreshPageCpu'],
  ] as const) {
    const b = baseline.writes[key];
    const t = target.writes[key];
    lines.push(`| ${name} | ${ms(b.medianMs)} (${ms(b.p95Ms)}) | ${ms(t.medianMs)} (${ms(t.p95Ms)}) | ${ratio(t.medianMs, b.medianMs)} |`);
  }

  if (report.triggers) lines.push(...triggerSection(report.triggers, target.label));

  lines.push('', '## Dashboard API', '');
  lines.push(
    `Median and p95 of each request through the Hono app (body read in full), computed from the database (answer cache off). Ratio = ${target.label} median ÷ ${baseline.label} median. ⚠ marks a median above ${INTERACTIVE_MS} ms. Repeated = median of the same request at ${target.label} asked again while the data is unchanged (answer cache on; coverage, status and the CSV are never cached).`,
    '',
  );
  lines.push(`| request | ${baseline.label} median (p95) ms | ${target.label} median (p95) ms | ratio | ${target.label} repeated ms | body |`, '|---|---:|---:|---:|---:|---:|');
  const baselineByName = new Map(baseline.api.map((m) => [m.name, m]));
  for (const t of target.api) {
    const b = baselineByName.get(t.name);
    const flag = t.timing.medianMs > INTERACTIVE_MS ? ' ⚠' : '';
    lines.push(
      `| ${t.name} | ${b ? `${ms(b.timing.medianMs)} (${ms(b.timing.p95Ms)})` : '–'} | ${ms(t.timing.medianMs)} (${ms(t.timing.p95Ms)})${flag} | ${b ? ratio(t.timing.medianMs, b.timing.medianMs) : '–'} | ${ms(t.repeated.medianMs)} | ${(t.bytes / 1024).toFixed(1)} KB |`,
    );
  }
  const slowest = [...target.api].sort((a, b) => b.timing.medianMs - a.timing.medianMs)[0];
  const over = target.api.filter((m) => m.timing.medianMs > INTERACTIVE_MS).length;
  lines.push('');
  if (slowest) lines.push(`Slowest at ${target.label}: ${slowest.name}, median ${ms(slowest.timing.medianMs)} ms. Requests over ${INTERACTIVE_MS} ms: ${over} of ${target.api.length}.`);
  if (report.cold) lines.push(...coldSection(report.cold, target.label));
  if (report.serverMemory) {
    const m = report.serverMemory;
    lines.push('', `## Server memory at ${target.label}`, '', `A child process that only opens the database, builds the in-memory index (${ms(m.indexBuildMs)} ms) and answers every request of the benchmark once: RSS ${mb(m.openedBytes)} opened, ${mb(m.indexedBytes)} with the index, ${mb(m.answeredBytes)} after the answers.`);
  }
  return `${lines.join('\n')}\n`;
}
