// `node dist/bench/measure-export.js --db <file>`: the posts export's cost on a campaign database, the
// previous writer and the candidates side by side in one run (CPU ms, medians), with their bytes
// compared; `--xlsx` times the .xlsx workbook instead and reports the memory it takes.
import { Command } from 'commander';
import { stringify } from 'csv-stringify/sync';
import { DateTime } from 'luxon';
import { EXPORT_COLUMNS, exportTextChunks, exportXlsx, toExportRecord, type ExportPost } from '../core/export-format.js';
import { localClock } from '../core/local-clock.js';
import { collectedNetworkIds } from '../core/networks.js';
import type { Network } from '../core/types.js';
import { openDatabase } from '../db/connection.js';
import { iterateExportPages } from '../db/export.js';
import { previousCsv } from './previous-export.js';
import { summarize } from './statistics.js';

type Pages = ExportPost[][];

/** CPU milliseconds `run` takes (the process is single-threaded, so this is its own cost). */
async function cpuMs(run: () => unknown): Promise<number> {
  const since = process.cpuUsage();
  await run();
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1000;
}

async function shippedCsv(pages: Pages, timeZone: string): Promise<string> {
  let text = '';
  for await (const chunk of exportTextChunks(pages, 'csv', timeZone)) text += chunk;
  return text;
}

/** csv-stringify as configured before, but fed by the per-hour clock and quoting line breaks: the library's best case with object records. */
function libraryCsv(pages: Pages, timeZone: string, arrays: boolean): string {
  const clock = localClock(timeZone);
  let text = '\uFEFF';
  pages.forEach((page, index) => {
    const records = page.map((post) => toExportRecord(post, clock));
    const options = { header: index === 0, bom: false, record_delimiter: 'windows' as const, quote_record_delimiter: true, escape_formulas: true };
    text += arrays
      ? stringify(records.map((record) => Object.values(record).map((value) => (Array.isArray(value) ? value.join(' ') : value))), { ...options, columns: [...EXPORT_COLUMNS] })
      : stringify(records as unknown as Array<Record<string, unknown>>, { ...options, columns: [...EXPORT_COLUMNS], cast: { object: (value) => (Array.isArray(value) ? value.join(' ') : JSON.stringify(value)) } });
  });
  return text;
}

const WRITERS: Record<string, (pages: Pages, timeZone: string) => string | Promise<string>> = {
  'previous (csv-stringify, luxon per row)': (pages, zone) => previousCsv(pages, zone),
  'csv-stringify, object records, per-hour clock': (pages, zone) => libraryCsv(pages, zone, false),
  'csv-stringify, array records, per-hour clock': (pages, zone) => libraryCsv(pages, zone, true),
  'now (direct writer, per-hour clock)': shippedCsv,
};

async function measureCsv(pages: Pages, timeZone: string, repetitions: number): Promise<void> {
  const samples = new Map<string, number[]>(Object.keys(WRITERS).map((name) => [name, []]));
  const outputs = new Map<string, string>();
  for (let r = 0; r < repetitions + 1; r += 1) {
    // Interleaved, so a busy neighbour slows every writer alike; the first round is a warm-up.
    for (const [name, write] of Object.entries(WRITERS)) {
      const ms = await cpuMs(async () => outputs.set(name, await write(pages, timeZone)));
      if (r > 0) samples.get(name)!.push(ms);
    }
  }
  const baseline = summarize(samples.get(Object.keys(WRITERS)[0]!)!).medianMs;
  const shipped = outputs.get('now (direct writer, per-hour clock)')!;
  console.log('| writer | CPU ms median | min | vs previous | bytes | same bytes as now |\n|---|---:|---:|---:|---:|---|');
  for (const [name, times] of samples) {
    const timing = summarize(times);
    const output = outputs.get(name)!;
    console.log(`| ${name} | ${timing.medianMs.toFixed(0)} | ${timing.minMs.toFixed(0)} | ${(baseline / timing.medianMs).toFixed(1)}× | ${Buffer.byteLength(output)} | ${output === shipped ? 'yes' : 'no'} |`);
  }
}

async function measureXlsx(pages: Pages, timeZone: string, limit: number): Promise<void> {
  const kept: Pages = [];
  let rows = 0;
  for (const page of pages) {
    if (rows >= limit) break;
    kept.push(page.slice(0, limit - rows));
    rows += kept.at(-1)!.length;
  }
  const before = process.memoryUsage();
  let bytes = 0;
  const ms = await cpuMs(async () => (bytes = (await exportXlsx(kept, timeZone)).length));
  const after = process.memoryUsage();
  const mb = (n: number) => (n / 1_048_576).toFixed(0);
  console.log(`xlsx ${rows} posts: ${ms.toFixed(0)} CPU ms, ${mb(bytes)} MB file; RSS ${mb(before.rss)} → ${mb(after.rss)} MB (peak ${mb(process.resourceUsage().maxRSS * 1024)} MB)`);
}

const program = new Command('measure-export')
  .requiredOption('--db <file>', 'campaign database (opened read-only)')
  .option('--now <iso>', 'the export ends on this local day', '2026-06-30T16:00:00Z')
  .option('--days <n>', 'local days in the export', (value) => Number(value), 7)
  .option('--repetitions <n>', 'timed runs per writer', (value) => Number(value), 5)
  .option('--xlsx <posts>', 'time the xlsx workbook of at most this many posts instead of the CSV', (value) => Number(value));

async function main(): Promise<void> {
  const options = program.parse().opts<{ db: string; now: string; days: number; repetitions: number; xlsx?: number }>();
  const timeZone = 'America/New_York';
  const today = DateTime.fromISO(options.now, { zone: timeZone }).startOf('day');
  const window = { start: today.minus({ days: options.days - 1 }).toMillis(), end: today.plus({ days: 1 }).toMillis() };
  const db = openDatabase(options.db, { readonly: true });
  const scope = { networks: collectedNetworkIds() as Network[], hashtag: null };
  let pages: Pages = [];
  const sqlMs = await cpuMs(() => (pages = [...iterateExportPages(db, window, scope)]));
  const posts = pages.reduce((sum, page) => sum + page.length, 0);
  console.log(`${options.db}: ${options.days}-day export, ${posts} posts in ${pages.length} pages; reading them: ${sqlMs.toFixed(0)} CPU ms`);
  if (options.xlsx) await measureXlsx(pages, timeZone, options.xlsx);
  else await measureCsv(pages, timeZone, options.repetitions);
  db.close();
}

await main();
