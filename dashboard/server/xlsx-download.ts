// `GET /api/posts.xlsx`: the posts behind the current filters as an Excel workbook with typed
// numbers and dates (the same records as the CSV). Posts are read page by page with turns of the
// event loop between pages; the workbook is then built in one piece (write-excel-file cannot stream),
// which holds the server while it runs, so a download holds at most XLSX_MAX_POSTS posts. A larger
// range gets its oldest XLSX_MAX_POSTS posts, said so in a note row above the headers and in the
// X-Export-Truncated and Link headers, which point to the CSV (any size, streamed). Also the small tables'
// workbooks (`/api/share-of-voice.xlsx`, `/api/amplifiers.xlsx`), the rows of their CSVs (core/table-xlsx.ts).
import type { Context } from 'hono';
import type { Logger } from '../../core/logger.js';
import { exportXlsx, type ExportPost } from '../../core/export-format.js';
import type { CsvCell } from '../../core/table-csv.js';
import { tableXlsx, type TableXlsxOptions } from '../../core/table-xlsx.js';
import type { Db } from '../../db/connection.js';
import { countExportPosts, iterateExportPages } from '../../db/export.js';
import { exportFileName } from './csv-download.js';
import type { Filters } from './query-params.js';

/**
 * Most posts in one xlsx download. Measured on the 1M-post benchmark database (7 days, 45,890 posts):
 * 10,000 posts take 1.1 s CPU and 70 MB more memory; all 45,890 took 4.0 s with the server held and
 * 270 MB more (peak RSS 443 MB), too much for a server meant to stay under 500 MB.
 */
export const XLSX_MAX_POSTS = 10_000;

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The pages of `pages` up to `max` posts in all; reading stops there. */
function* firstPosts(pages: Iterable<ExportPost[]>, max: number): Generator<ExportPost[]> {
  let left = max;
  for (const page of pages) {
    if (left <= 0) return;
    yield page.length > left ? page.slice(0, left) : page;
    left -= page.length;
  }
}

/** The note row of a cut-short workbook: how many posts it holds of how many, and where all of them are. */
function truncationNote(total: number, csvPath: string): string {
  const count = (n: number) => n.toLocaleString('en-US');
  return `Truncated: the oldest ${count(XLSX_MAX_POSTS)} of ${count(total)} posts in this range. The CSV download has all of them: ${csvPath}`;
}

/** Builds the workbook and answers it as an attachment named after the range's local dates. */
export async function xlsxDownload(c: Context, db: Db, filters: Filters, timeZone: string, log: Logger): Promise<Response> {
  const total = countExportPosts(db, filters.range, filters.scope);
  const url = new URL(c.req.url);
  const csvPath = `${url.pathname.replace(/\.xlsx$/, '.csv')}${url.search}`;
  const truncated = total > XLSX_MAX_POSTS;
  const started = Date.now();
  const counter = { posts: 0 };
  const pages = firstPosts(iterateExportPages(db, filters.range, filters.scope), XLSX_MAX_POSTS);
  const workbook = await exportXlsx(pages, timeZone, counter, truncated ? truncationNote(total, csvPath) : undefined);
  log.debug({ posts: counter.posts, of: total, bytes: workbook.length, ms: Date.now() - started }, 'xlsx export built');
  return xlsxAttachment(c, workbook, exportFileName(filters, timeZone, 'xlsx'), {
    ...(truncated && {
      'X-Export-Truncated': `${counter.posts} of ${total} posts`,
      Link: `<${csvPath}>; rel="alternate"; type="text/csv"`,
    }),
  });
}

/** A small table's rows (as its CSV download writes them) answered as a one-sheet workbook named `fileName`. */
export async function tableXlsxDownload<C extends string>(
  c: Context,
  table: { columns: readonly C[]; rows: ReadonlyArray<Readonly<Record<C, CsvCell>>> },
  options: TableXlsxOptions<C> & { fileName: string },
): Promise<Response> {
  return xlsxAttachment(c, await tableXlsx(table.columns, table.rows, options), options.fileName);
}

function xlsxAttachment(c: Context, workbook: Buffer, fileName: string, headers: Record<string, string> = {}): Response {
  return c.body(new Uint8Array(workbook), 200, { 'Content-Type': XLSX_CONTENT_TYPE, 'Content-Disposition': `attachment; filename="${fileName}"`, ...headers });
}
