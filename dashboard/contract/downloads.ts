// GET /api/posts.csv and /api/posts.xlsx: the columns of the posts download, in order, the same as
// `jobquality export posts` writes (core/export-format.ts); and the share-of-voice and amplifier CSVs' and workbooks'. Kept apart from index.ts because the
// export format module is server code (Node streams and the xlsx writer), never seen by the app.
import { EXPORT_COLUMNS } from '../../core/export-format.js';

/** The header row of the CSV download. */
export const POSTS_DOWNLOAD_COLUMNS: readonly string[] = EXPORT_COLUMNS;

/** The workbook's header row: the same columns, the two time columns saying their time zone. */
export function postsWorkbookHeader(timeZone: string): string[] {
  const zones: Record<string, string> = { created_at: 'UTC', created_at_local: timeZone };
  return POSTS_DOWNLOAD_COLUMNS.map((column) => (column in zones ? `${column} (${zones[column]})` : column));
}

/** The header row of the share-of-voice CSV: one row per comparator and bucket, then a total row. */
export const SHARE_OF_VOICE_DOWNLOAD_COLUMNS = [
  'comparator', 'bucket_start', 'bucket_end', 'local_date', 'status',
  'campaign_posts', 'comparator_posts', 'overlap_posts', 'share_of_posts',
  'campaign_people', 'comparator_people', 'share_of_people',
  'campaign_engagements', 'comparator_engagements', 'share_of_engagements',
] as const;

/** The header row of the amplifier ranking CSV. */
export const AMPLIFIERS_DOWNLOAD_COLUMNS = ['rank', 'person', 'accounts', 'display_names', 'posts', 'reposts', 'reach', 'engagements', 'ready_made_posts', 'first_seen_at'] as const;

/** The columns of the share-of-voice and amplifier downloads that hold UTC instants: dates in their workbooks. */
export const SHARE_OF_VOICE_UTC_COLUMNS = ['bucket_start', 'bucket_end'] as const satisfies ReadonlyArray<(typeof SHARE_OF_VOICE_DOWNLOAD_COLUMNS)[number]>;
export const AMPLIFIERS_UTC_COLUMNS = ['first_seen_at'] as const satisfies ReadonlyArray<(typeof AMPLIFIERS_DOWNLOAD_COLUMNS)[number]>;

/** A table workbook's header row: the CSV's columns, each UTC one saying so (a spreadsheet date has no time zone). */
function tableWorkbookHeader(columns: readonly string[], utcColumns: readonly string[]): string[] {
  return columns.map((column) => (utcColumns.includes(column) ? `${column} (UTC)` : column));
}

/** Each CSV download's header row. */
export const CSV_DOWNLOAD_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  '/api/posts.csv': POSTS_DOWNLOAD_COLUMNS,
  '/api/share-of-voice.csv': SHARE_OF_VOICE_DOWNLOAD_COLUMNS,
  '/api/amplifiers.csv': AMPLIFIERS_DOWNLOAD_COLUMNS,
};

/** Each workbook download's header row, which may name the report time zone. */
export const WORKBOOK_DOWNLOAD_HEADERS: Readonly<Record<string, (timeZone: string) => string[]>> = {
  '/api/posts.xlsx': postsWorkbookHeader,
  '/api/share-of-voice.xlsx': () => tableWorkbookHeader(SHARE_OF_VOICE_DOWNLOAD_COLUMNS, SHARE_OF_VOICE_UTC_COLUMNS),
  '/api/amplifiers.xlsx': () => tableWorkbookHeader(AMPLIFIERS_DOWNLOAD_COLUMNS, AMPLIFIERS_UTC_COLUMNS),
};

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The download paths and their media types. */
export const API_DOWNLOADS = {
  '/api/posts.csv': 'text/csv',
  '/api/share-of-voice.csv': 'text/csv',
  '/api/amplifiers.csv': 'text/csv',
  '/api/posts.xlsx': XLSX,
  '/api/share-of-voice.xlsx': XLSX,
  '/api/amplifiers.xlsx': XLSX,
} as const;
