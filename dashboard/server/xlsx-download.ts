// `GET /api/posts.xlsx`: the posts behind the current filters as an Excel workbook with typed
// numbers and dates (the same records as the CSV). Posts are read page by page with turns of the
// event loop between pages; the workbook is then built in one piece and sent.
import type { Context } from 'hono';
import type { Logger } from '../../core/logger.js';
import { exportXlsx } from '../../core/export-format.js';
import type { Db } from '../../db/connection.js';
import { iterateExportPages } from '../../db/export.js';
import { exportFileName } from './csv-download.js';
import type { Filters } from './query-params.js';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** Builds the workbook and answers it as an attachment named after the range's local dates. */
export async function xlsxDownload(c: Context, db: Db, filters: Filters, timeZone: string, log: Logger): Promise<Response> {
  const started = Date.now();
  const counter = { posts: 0 };
  const workbook = await exportXlsx(iterateExportPages(db, filters.range, filters.scope), timeZone, counter);
  log.debug({ posts: counter.posts, bytes: workbook.length, ms: Date.now() - started }, 'xlsx export built');
  return c.body(new Uint8Array(workbook), 200, {
    'Content-Type': XLSX_CONTENT_TYPE,
    'Content-Disposition': `attachment; filename="${exportFileName(filters, timeZone, 'xlsx')}"`,
  });
}
