// GET /api/posts.csv and /api/posts.xlsx: the columns of the posts download, in order, the same as
// `jobquality export posts` writes (core/export-format.ts). Kept apart from index.ts because the
// export format module is server code (Node streams and the xlsx writer), never seen by the app.
import { EXPORT_COLUMNS } from '../../core/export-format.js';

/** The header row of the CSV download. */
export const POSTS_DOWNLOAD_COLUMNS: readonly string[] = EXPORT_COLUMNS;

/** The workbook's header row: the same columns, the two time columns saying their time zone. */
export function postsWorkbookHeader(timeZone: string): string[] {
  const zones: Record<string, string> = { created_at: 'UTC', created_at_local: timeZone };
  return POSTS_DOWNLOAD_COLUMNS.map((column) => (column in zones ? `${column} (${zones[column]})` : column));
}

/** The download paths and their media types. */
export const API_DOWNLOADS = {
  '/api/posts.csv': 'text/csv',
  '/api/posts.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;
