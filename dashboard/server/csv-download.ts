// `GET /api/posts.csv`: the posts behind the current filters as an RFC 4180 download, streamed with
// the same columns and writer as `jobquality export posts`.
import { PassThrough, Readable } from 'node:stream';
import type { Context } from 'hono';
import { DateTime } from 'luxon';
import type { Logger } from '../../core/logger.js';
import { writeExport } from '../../core/export-format.js';
import { iterateScopedExportRows } from '../../db/analytics-posts.js';
import type { Db } from '../../db/connection.js';
import type { Filters } from './query-params.js';

/** Streams the CSV as an attachment named after the range's local dates. */
export function csvDownload(c: Context, db: Db, filters: Filters, timeZone: string, log: Logger): Response {
  const day = (ms: number) => DateTime.fromMillis(ms, { zone: timeZone }).toISODate();
  const lastDay = day(filters.range.end - 1);
  const filename = `jobquality-posts-${day(filters.range.start)}-to-${lastDay}.csv`;
  const out = new PassThrough();
  writeExport(iterateScopedExportRows(db, filters.range, filters.scope), 'csv', out).then(
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
