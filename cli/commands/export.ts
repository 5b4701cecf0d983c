// `jobquality export posts`: every live post with its latest counts, as CSV or JSON, to stdout or a file.
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { finished } from 'node:stream/promises';
import { Command, InvalidArgumentError, Option } from 'commander';
import { DateTime } from 'luxon';
import { writeExport, type ExportFormat } from '../../core/export-format.js';
import { collectedNetworkIds } from '../../core/networks.js';
import type { Network } from '../../core/types.js';
import { iterateExportRows } from '../../db/export.js';
import { createRuntime } from '../runtime.js';

function parseInstant(flag: string) {
  return (value: string): number => {
    const parsed = DateTime.fromISO(value, { zone: 'utc' });
    if (!parsed.isValid) throw new InvalidArgumentError(`${flag} must be an ISO-8601 date or time such as 2026-11-01 or 2026-11-01T09:00:00Z.`);
    return parsed.toMillis();
  };
}

export function registerExport(program: Command): void {
  const exportCommand = program.command('export').description('Export collected data');
  exportCommand
    .command('posts')
    .description('Export live posts with their latest engagement counts (removed posts are never exported)')
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'csv']).default('csv'))
    .option('--out <file>', 'write to this file instead of standard output')
    .option('--since <iso>', 'only posts created at or after this time (UTC unless the value has an offset)', parseInstant('--since'))
    .option('--until <iso>', 'only posts created before this time', parseInstant('--until'))
    .addOption(new Option('--network <network>', 'only this network').choices([...collectedNetworkIds()]))
    .addHelpText('after', '\nFields: network, id, url, author_username, author_followers, created_at, text, likes, reposts, replies, quotes, bookmarks, impressions, hashtags.\nCounts are null (empty in CSV) where the network does not report them.')
    .action(async (opts: { format: ExportFormat; out?: string; since?: number; until?: number; network?: Network }) => {
      const runtime = createRuntime();
      try {
        const rows = iterateExportRows(runtime.db(), { since: opts.since, until: opts.until, networks: opts.network ? [opts.network] : undefined });
        if (!opts.out) {
          await writeExport(rows, opts.format, process.stdout);
          return;
        }
        // Write beside the target and rename, so a failed export never leaves a truncated file.
        const partial = `${opts.out}.partial`;
        const file = createWriteStream(partial);
        try {
          const count = await writeExport(rows, opts.format, file);
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
