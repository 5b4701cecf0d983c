// `jobquality export posts`: every live post with its latest counts, as CSV (UTF-8 with a byte-order
// mark), JSON or an .xlsx workbook, to stdout or a file. Times are UTC and local (TZ_REPORTS).
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { Command, InvalidArgumentError, Option } from 'commander';
import { DateTime } from 'luxon';
import { EXPORT_COLUMN_NOTE, EXPORT_COLUMNS, EXPORT_FORMATS, exportTextChunks, exportXlsx, type ExportFormat, type ExportPost } from '../../core/export-format.js';
import { collectedNetworkIds } from '../../core/networks.js';
import type { Network } from '../../core/types.js';
import { iterateExportPages } from '../../db/export.js';
import { createRuntime } from '../runtime.js';

function parseInstant(flag: string) {
  return (value: string): number => {
    const parsed = DateTime.fromISO(value, { zone: 'utc' });
    if (!parsed.isValid) throw new InvalidArgumentError(`${flag} must be an ISO-8601 date or time such as 2026-11-01 or 2026-11-01T09:00:00Z.`);
    return parsed.toMillis();
  };
}

/** Writes the export to `out`, waiting whenever `out` asks to (backpressure); resolves to the posts written. */
async function writeExportTo(out: Writable, pages: Iterable<readonly ExportPost[]>, format: ExportFormat, timeZone: string): Promise<number> {
  const counter = { posts: 0 };
  if (format === 'xlsx') {
    if (!out.write(await exportXlsx(pages, timeZone, counter))) await once(out, 'drain');
    return counter.posts;
  }
  for await (const chunk of exportTextChunks(pages, format, timeZone, counter)) {
    if (!out.write(chunk)) await once(out, 'drain');
  }
  return counter.posts;
}

export function registerExport(program: Command): void {
  const exportCommand = program.command('export').description('Export collected data');
  exportCommand
    .command('posts')
    .description('Export live posts with their latest engagement counts (removed posts are never exported)')
    .addOption(new Option('--format <format>', 'output format').choices([...EXPORT_FORMATS]).default('csv'))
    .option('--out <file>', 'write to this file instead of standard output')
    .option('--since <iso>', 'only posts created at or after this time (UTC unless the value has an offset)', parseInstant('--since'))
    .option('--until <iso>', 'only posts created before this time', parseInstant('--until'))
    .addOption(new Option('--network <network>', 'only this network').choices([...collectedNetworkIds()]))
    .addHelpText('after', `\nFields: ${EXPORT_COLUMNS.join(', ')}.\n${EXPORT_COLUMN_NOTE}\nxlsx needs --out unless standard output is redirected.`)
    .action(async (opts: { format: ExportFormat; out?: string; since?: number; until?: number; network?: Network }) => {
      if (opts.format === 'xlsx' && !opts.out && process.stdout.isTTY) {
        throw new InvalidArgumentError('--format xlsx writes a binary workbook: give --out FILE (for example --out posts.xlsx) or redirect standard output.');
      }
      const runtime = createRuntime(process.env, { readonly: true });
      try {
        const timeZone = runtime.config.reportTimeZone;
        const window = { start: opts.since ?? 0, end: opts.until ?? Number.MAX_SAFE_INTEGER };
        const scope = { networks: opts.network ? [opts.network] : collectedNetworkIds(), hashtag: null };
        const pages = iterateExportPages(runtime.db(), window, scope);
        if (!opts.out) {
          await writeExportTo(process.stdout, pages, opts.format, timeZone);
          return;
        }
        // Write beside the target and rename, so a failed export never leaves a truncated file.
        const partial = `${opts.out}.partial`;
        const file = createWriteStream(partial);
        try {
          const count = await writeExportTo(file, pages, opts.format, timeZone);
          file.end();
          await finished(file);
          await rename(partial, opts.out);
          process.stderr.write(`Exported ${count} posts to ${opts.out}\n`);
        } catch (error) {
          file.destroy();
          await rm(partial, { force: true });
          throw error;
        }
      } finally {
        runtime.close();
      }
    });
}
