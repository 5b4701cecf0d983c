// `GET /api/posts.csv`: the posts behind the current filters as an RFC 4180 download, streamed with
// the same columns and writer as `jobquality export posts`.
import { PassThrough, Readable } from 'node:stream';
import type { Context } from 'hono';
import { DateTime } from 'luxon';
import type { Logger } from '../../core/logger.js';
import { writeExport } from '../../core/export-format.js';
import { iterateScopedExportRows } from '../../db/analytics-posts.js';
import type { Db } from '../../db/connection.js';
import type { ExportRow } from '../../db/export.js';
import type { Filters } from './query-params.js';

/**
 * Post text is written by strangers and the file is opened in spreadsheets: a cell that starts with
 * = + - @ (or a tab / carriage return) would run as a formula, so it gets a leading apostrophe (OWASP
 * "CSV injection"). Only free-text fields can start that way.
 */
export function neutralizeFormula(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function* spreadsheetSafe(rows: Iterable<ExportRow>): Generator<ExportRow> {
  for (const row of rows) yield { ...row, text: neutralizeFormula(row.text), author_username: neutralizeFormula(row.author_username) };
}

/** Streams the CSV as an attachment named after the range's local dates. */
export function csvDownload(c: Context, db: Db, filters: Filters, timeZone: string, log: Logger): Response {
  const day = (ms: number) => DateTime.fromMillis(ms, { zone: timeZone }).toISODate();
  const lastDay = day(filters.range.end - 1);
  const filename = `jobquality-posts-${day(filters.range.start)}-to-${lastDay}.csv`;
  const out = new PassThrough();
  writeExport(spreadsheetSafe(iterateScopedExportRows(db, filters.range, filters.scope)), 'csv', out).then(
    () => out.end(),
    (error: unknown) => {
      log.error({ err: error }, 'CSV download failed part-way');
      out.destroy(error instanceof Error ? error : new Error(String(error)));
    },
  );
  return c.body(Readable.toWeb(out) as ReadableStream<Uint8Array>, 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${filename}"`,
  });
}
