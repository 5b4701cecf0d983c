// The benchmark's Markdown report: each figure at the target scale next to the same figure at the
// baseline scale measured in the same run, as a ratio plus absolute milliseconds. Pure.
import type { ApiMeasurement } from './measure-api.js';
import type { WriteTimings } from './measure-writes.js';
import type { BuildRecord } from './campaign-database.js';

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

export interface BenchReport {
  startedAt: string;
  machine: string;
  settings: string;
  baseline: ScaleResult;
  target: ScaleResult;
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
  ] as const) {
    const b = baseline.writes[key];
    const t = target.writes[key];
    lines.push(`| ${name} | ${ms(b.medianMs)} (${ms(b.p95Ms)}) | ${ms(t.medianMs)} (${ms(t.p95Ms)}) | ${ratio(t.medianMs, b.medianMs)} |`);
  }

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
  return `${lines.join('\n')}\n`;
}
