// `GET /api/posts.xlsx`: the posts behind the current filters as an Excel workbook with typed
// numbers and dates (the same records as the CSV). Posts are read page by page with turns of the
// event loop between pages; the workbook is then built in one piece (write-excel-file cannot stream),
// which holds the server while it runs, so a download is limited to XLSX_MAX_POSTS posts: the CSV
// streams any size, and `jobquality export posts --format xlsx` has no limit.
import type { Context } from 'hono';
import type { Logger } from '../../core/logger.js';
import { exportXlsx } from '../../core/export-format.js';
import type { Db } from '../../db/connection.js';
import { countExportPosts, iterateExportPages } from '../../db/export.js';
import { exportFileName } from './csv-download.js';
import { InvalidParameterError, type Filters } from './query-params.js';

/** Most posts in one xlsx download: building 10,000 rows took 6–8 s on this project's busy shared 2-core machine. */
export const XLSX_MAX_POSTS = 10_000;

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Builds the workbook and answers it as an attachment named after the range's local dates. */
export async function xlsxDownload(c: Context, db: Db, filters: Filters, timeZone: string, log: Logger): Promise<Response> {
  const posts = countExportPosts(db, filters.range, filters.scope);
  if (posts > XLSX_MAX_POSTS) {
    throw new InvalidParameterError(
      'from',
      `The xlsx download holds at most ${XLSX_MAX_POSTS.toLocaleString('en-US')} posts and this range has ${posts.toLocaleString('en-US')}: choose a shorter range, download the CSV (any size), or use \`jobquality export posts --format xlsx\`.`,
    );
  }
  const started = Date.now();
  const counter = { posts: 0 };
  const workbook = await exportXlsx(iterateExportPages(db, filters.range, filters.scope), timeZone, counter);
  log.debug({ posts: counter.posts, bytes: workbook.length, ms: Date.now() - started }, 'xlsx export built');
  return c.body(new Uint8Array(workbook), 200, {
    'Content-Type': XLSX_CONTENT_TYPE,
    'Content-Disposition': `attachment; filename="${exportFileName(filters, timeZone, 'xlsx')}"`,
  });
}
