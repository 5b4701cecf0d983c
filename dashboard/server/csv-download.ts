// `GET /api/posts.csv`: the posts behind the current filters as a CSV attachment (UTF-8 with a
// byte-order mark, RFC 4180), the same columns and writer as `jobquality export posts`. The body is
// a pull stream: a page of posts is read only when the client has taken the previous one, with a
// turn of the event loop between pages, so one large download never holds other requests.
import type { Context } from 'hono';
import { DateTime } from 'luxon';
import type { Logger } from '../../core/logger.js';
import { exportTextChunks } from '../../core/export-format.js';
import type { Db } from '../../db/connection.js';
import { iterateExportPages } from '../../db/export.js';
import type { Filters } from './query-params.js';

/** "jobquality-posts-2026-10-26-to-2026-11-01.csv": what it holds and the range's local dates. */
export function exportFileName(filters: Filters, timeZone: string, extension: string, what = 'posts'): string {
  const day = (ms: number) => DateTime.fromMillis(ms, { zone: timeZone }).toISODate();
  return `jobquality-${what}-${day(filters.range.start)}-to-${day(filters.range.end - 1)}.${extension}`;
}

/**
 * A byte stream of `chunks` that asks for the next chunk only when the reader wants more. A client
 * that goes away cancels it (logged at debug level: it is not an error); a failure part-way is an
 * error in the log and ends the download abruptly, so a partial file is never taken for a whole one.
 */
export function pullStream(chunks: AsyncGenerator<string>, log: Logger, what: string): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  // A client can hang up while a chunk is being written; that chunk then has nowhere to go.
  let cancelled = false;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const next = await chunks.next();
          if (cancelled) return;
          if (next.done) controller.close();
          else controller.enqueue(encoder.encode(next.value));
        } catch (error) {
          log.error({ err: error instanceof Error ? error.message : String(error) }, `${what} failed part-way`);
          controller.error(error);
        }
      },
      async cancel() {
        cancelled = true;
        log.debug(`${what}: the client closed the connection before the end`);
        await chunks.return(undefined);
      },
    },
    // One chunk (a page of posts) queued ahead is enough; the client's pace decides the rest.
    { highWaterMark: 1 },
  );
}

/** Streams the CSV as an attachment named after the range's local dates. */
export function csvDownload(c: Context, db: Db, filters: Filters, timeZone: string, log: Logger): Response {
  const chunks = exportTextChunks(iterateExportPages(db, filters.range, filters.scope), 'csv', timeZone);
  return c.body(pullStream(chunks, log, 'CSV download'), 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${exportFileName(filters, timeZone, 'csv')}"`,
  });
}
