// The posts export as people open it in spreadsheets: one record shape (engagements from the
// metric definitions, post kind, author display name, UTC and local time side by side) written as
// CSV with a byte-order mark, JSON, or a typed .xlsx sheet. Pages of posts go in, text chunks come
// out with a turn of the event loop between pages, so a large export never holds a server.
import { setImmediate as nextTurn } from 'node:timers/promises';
import { stringify } from 'csv-stringify/sync';
import { DateTime } from 'luxon';
import writeExcelFile, { type SheetData } from 'write-excel-file/node';
import { engagementComponentsOf, engagementsOf, impressionsOf } from './metrics.js';
import type { PostRowBase } from './types.js';

/** One live post as the database gives it to an export (times in ms). */
export interface ExportPost extends PostRowBase {
  id: string;
  url: string;
  authorUsername: string;
  authorDisplayName: string | null;
  authorFollowers: number | null;
  createdAt: number;
  text: string;
  hashtags: readonly string[];
}

export const EXPORT_COLUMNS = [
  'network',
  'id',
  'url',
  'kind',
  'author_username',
  'author_display_name',
  'author_followers',
  'created_at',
  'created_at_local',
  'text',
  'likes',
  'reposts',
  'replies',
  'quotes',
  'bookmarks',
  'impressions',
  'engagements',
  'hashtags',
] as const;

export type ExportColumn = (typeof EXPORT_COLUMNS)[number];
export type ExportFormat = 'csv' | 'json' | 'xlsx';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'json', 'xlsx'];

/** One exported row: what every format writes, in {@link EXPORT_COLUMNS} order. */
export interface ExportRecord extends PostRowBase {
  id: string;
  url: string;
  author_username: string;
  author_display_name: string | null;
  author_followers: number | null;
  /** ISO-8601 UTC without milliseconds: 2026-11-01T14:05:09Z. */
  created_at: string;
  /** The same instant in the report time zone, ISO-8601 with its offset: 2026-11-01T09:05:09-05:00. */
  created_at_local: string;
  text: string;
  /** The network's engagement formula over the latest counts; null when the network reported none of them. */
  engagements: number | null;
  hashtags: string[];
}

/** The export's column names and what each holds, for help texts and the README. */
export const EXPORT_COLUMN_NOTE =
  'created_at is UTC and created_at_local the same time in TZ_REPORTS; engagements follow the metric definitions ' +
  '(core/metrics.ts); counts a network does not report are empty (CSV, xlsx) or null (JSON).';

/** ISO-8601 UTC without milliseconds. */
export function isoUtcSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** ISO-8601 local time in `timeZone` with its offset, without milliseconds. */
export function isoLocalSeconds(ms: number, timeZone: string): string {
  return DateTime.fromMillis(ms, { zone: timeZone }).toISO({ suppressMilliseconds: true, includeOffset: true })!;
}

/** The record an export writes for one post. Pure. */
export function toExportRecord(post: ExportPost, timeZone: string): ExportRecord {
  const reported = engagementComponentsOf(post.network).some((component) => post[component] !== null);
  return {
    network: post.network,
    id: post.id,
    url: post.url,
    kind: post.kind,
    author_username: post.authorUsername,
    author_display_name: post.authorDisplayName,
    author_followers: post.authorFollowers,
    created_at: isoUtcSeconds(post.createdAt),
    created_at_local: isoLocalSeconds(post.createdAt, timeZone),
    text: post.text,
    likes: post.likes,
    reposts: post.reposts,
    replies: post.replies,
    quotes: post.quotes,
    bookmarks: post.bookmarks,
    impressions: impressionsOf(post.network, post),
    engagements: reported ? engagementsOf(post.network, post) : null,
    hashtags: [...post.hashtags],
  };
}

const BOM = '\uFEFF';

/** CSV lines (CRLF) for `records`; the first chunk starts with a byte-order mark and the header. */
export function csvChunk(records: readonly ExportRecord[], first: boolean): string {
  return stringify(records as unknown as Array<Record<string, unknown>>, {
    header: first,
    bom: false,
    columns: [...EXPORT_COLUMNS],
    record_delimiter: 'windows',
    // Post text is written by strangers and opened in spreadsheets: a cell starting with = + - @ would
    // run as a formula (OWASP "CSV injection"), so such cells get a leading apostrophe.
    escape_formulas: true,
    // Spreadsheet users read tags better as one space-separated cell.
    cast: { object: (value) => (Array.isArray(value) ? value.join(' ') : JSON.stringify(value)) },
  }).replace(/^/, first ? BOM : '');
}

function jsonChunk(records: readonly ExportRecord[], first: boolean): string {
  return records.map((record, index) => `${first && index === 0 ? '\n' : ',\n'}  ${JSON.stringify(record)}`).join('');
}

/**
 * The export as text chunks, one per page of posts, with a turn of the event loop before each page
 * is read: a server answers other requests while a large download is written, and the consumer's
 * pace (backpressure) decides when the next page is read. Counts the posts into `counter`.
 */
export async function* exportTextChunks(
  pages: Iterable<readonly ExportPost[]>,
  format: 'csv' | 'json',
  timeZone: string,
  counter: { posts: number } = { posts: 0 },
): AsyncGenerator<string> {
  let first = true;
  if (format === 'json') yield '[';
  for (const page of pages) {
    const records = page.map((post) => toExportRecord(post, timeZone));
    counter.posts += records.length;
    if (format === 'csv') yield csvChunk(records, first);
    else if (records.length > 0) yield jsonChunk(records, first);
    if (records.length > 0) first = false;
    await nextTurn();
  }
  if (format === 'csv' && first) yield csvChunk([], true);
  if (format === 'json') yield first ? ']\n' : '\n]\n';
}

/** Excel has no time zones: a local time is written as the wall-clock time it shows. */
function wallClock(ms: number, timeZone: string): Date {
  const local = DateTime.fromMillis(ms, { zone: timeZone });
  return new Date(Math.floor((ms + local.offset * 60_000) / 1000) * 1000);
}

const DATE_FORMAT = 'yyyy-mm-dd hh:mm:ss';

/** One sheet row: numbers as numbers, times as dates, empty cells for counts a network does not report. */
function xlsxRow(record: ExportRecord, post: ExportPost, timeZone: string): SheetData[number] {
  const text = (value: string | null) => (value === null || value === '' ? null : { type: String, value });
  const count = (value: number | null) => (value === null ? null : { type: Number, value });
  return [
    text(record.network),
    // Ids are text: X's 19-digit ids do not fit a spreadsheet number.
    { type: String, value: record.id, format: '@' },
    text(record.url),
    text(record.kind),
    text(record.author_username),
    text(record.author_display_name),
    count(record.author_followers),
    { type: Date, value: new Date(Math.floor(post.createdAt / 1000) * 1000), format: DATE_FORMAT },
    { type: Date, value: wallClock(post.createdAt, timeZone), format: DATE_FORMAT },
    text(record.text),
    count(record.likes),
    count(record.reposts),
    count(record.replies),
    count(record.quotes),
    count(record.bookmarks),
    count(record.impressions),
    count(record.engagements),
    text(record.hashtags.join(' ')),
  ];
}

/** Column headers of the sheet: the CSV names, with the time zones spelled out. */
function xlsxHeader(timeZone: string): SheetData[number] {
  return EXPORT_COLUMNS.map((column) => ({
    type: String,
    fontWeight: 'bold' as const,
    value: column === 'created_at' ? 'created_at (UTC)' : column === 'created_at_local' ? `created_at_local (${timeZone})` : column,
  }));
}

/**
 * The export as an .xlsx workbook with one sheet. The posts are read page by page with a turn of the
 * event loop between pages; the workbook itself is built in one piece (the library cannot stream it).
 */
export async function exportXlsx(pages: Iterable<readonly ExportPost[]>, timeZone: string, counter: { posts: number } = { posts: 0 }): Promise<Buffer> {
  const rows: SheetData = [xlsxHeader(timeZone)];
  for (const page of pages) {
    for (const post of page) rows.push(xlsxRow(toExportRecord(post, timeZone), post, timeZone));
    counter.posts += page.length;
    await nextTurn();
  }
  return writeExcelFile(rows, { sheet: 'posts', stickyRowsCount: 1 }).toBuffer();
}
