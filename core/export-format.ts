// The posts export as people open it in spreadsheets: one record shape (the per-post KPIs of the
// catalogue, post kind, author display name, UTC and local time side by side) written as
// CSV with a byte-order mark, JSON, or a typed .xlsx sheet. Pages of posts go in, text chunks come
// out with a turn of the event loop between pages, so a large export never holds a server.
import { setImmediate as nextTurn } from 'node:timers/promises';
import writeExcelFile, { type SheetData } from 'write-excel-file/node';
import { csvField, csvLine, type CsvValue } from './csv-writer.js';
import { localClock, type LocalClock } from './local-clock.js';
import { POST_KPI_COLUMNS } from './kpi-catalogue.js';
import { METRIC_COLUMNS } from './metrics.js';
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

/** How a column is written in a spreadsheet: text, an id kept as text, a number, a time (UTC or local), or the tags in one cell. */
type ColumnKind = 'text' | 'id' | 'number' | 'utc' | 'local' | 'tags';

/** One value of an exported record, as the CSV and JSON write it. */
export type ExportValue = string | number | null | string[];

interface ColumnSpec {
  name: string;
  kind: ColumnKind;
  value(post: ExportPost, clock: LocalClock): ExportValue;
}

const PER_POST_KPI_NAMES = new Set(POST_KPI_COLUMNS.map((kpi) => kpi.column));

/**
 * Every column in order: the post, its author and time, its text, the raw counters it was read
 * with, then each per-post KPI of the catalogue (core/kpi-catalogue.ts), then its tags.
 */
const COLUMNS: readonly ColumnSpec[] = [
  { name: 'network', kind: 'text', value: (post) => post.network },
  { name: 'id', kind: 'id', value: (post) => post.id },
  { name: 'url', kind: 'text', value: (post) => post.url },
  { name: 'kind', kind: 'text', value: (post) => post.kind },
  { name: 'author_username', kind: 'text', value: (post) => post.authorUsername },
  { name: 'author_display_name', kind: 'text', value: (post) => post.authorDisplayName },
  { name: 'author_followers', kind: 'number', value: (post) => post.authorFollowers },
  { name: 'created_at', kind: 'utc', value: (post, clock) => clock.utc(post.createdAt) },
  { name: 'created_at_local', kind: 'local', value: (post, clock) => clock.iso(post.createdAt) },
  { name: 'text', kind: 'text', value: (post) => post.text },
  ...METRIC_COLUMNS.filter((counter) => !PER_POST_KPI_NAMES.has(counter)).map((counter): ColumnSpec => ({ name: counter, kind: 'number', value: (post) => post[counter] })),
  ...POST_KPI_COLUMNS.map((kpi): ColumnSpec => ({ name: kpi.column, kind: 'number', value: (post) => kpi.of(post.network, post) })),
  { name: 'hashtags', kind: 'tags', value: (post) => [...post.hashtags] },
];

/** The export's columns, in the order every format writes them. */
export const EXPORT_COLUMNS: readonly string[] = COLUMNS.map((column) => column.name);

export type ExportFormat = 'csv' | 'json' | 'xlsx';
export const EXPORT_FORMATS: readonly ExportFormat[] = ['csv', 'json', 'xlsx'];

/**
 * One exported row, keyed by column in {@link EXPORT_COLUMNS} order: created_at is ISO-8601 UTC
 * without milliseconds (2026-11-01T14:05:09Z) and created_at_local the same instant in the report
 * time zone with its offset; a count the network does not report is null.
 */
export type ExportRecord = Readonly<Record<string, ExportValue>>;

/** The export's column names and what each holds, for help texts and the README. */
export const EXPORT_COLUMN_NOTE =
  'created_at is UTC and created_at_local the same time in TZ_REPORTS; engagements follow the metric definitions ' +
  '(core/metrics.ts); counts a network does not report are empty (CSV, xlsx) or null (JSON).';

/** The record an export writes for one post, local time read from `clock`. Pure. */
export function toExportRecord(post: ExportPost, clock: LocalClock): ExportRecord {
  return Object.fromEntries(COLUMNS.map((column) => [column.name, column.value(post, clock)]));
}

const BOM = '\uFEFF';

/** A value as its CSV cell: spreadsheet users read tags better as one space-separated cell. */
function csvValue(value: ExportValue): CsvValue {
  return Array.isArray(value) ? value.join(' ') : value;
}

/** CSV lines (CRLF) for `posts`; the first chunk starts with a byte-order mark and the header. */
function csvChunk(posts: readonly ExportPost[], clock: LocalClock, first: boolean): string {
  let chunk = first ? BOM + csvLine(EXPORT_COLUMNS) : '';
  for (const post of posts) {
    let line = '';
    for (let i = 0; i < COLUMNS.length; i += 1) line += (i === 0 ? '' : ',') + csvField(csvValue(COLUMNS[i]!.value(post, clock)));
    chunk += `${line}\r\n`;
  }
  return chunk;
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
  const clock = localClock(timeZone);
  let first = true;
  if (format === 'json') yield '[';
  for (const page of pages) {
    counter.posts += page.length;
    if (page.length === 0) continue;
    if (format === 'csv') yield csvChunk(page, clock, first);
    else yield jsonChunk(page.map((post) => toExportRecord(post, clock)), first);
    first = false;
    await nextTurn();
  }
  if (format === 'csv' && first) yield csvChunk([], clock, true);
  if (format === 'json') yield first ? ']\n' : '\n]\n';
}

/** Excel has no time zones: a local time is written as the wall-clock time it shows. */
function wallClock(ms: number, clock: LocalClock): Date {
  return new Date(Math.floor((ms + clock.offsetMinutes(ms) * 60_000) / 1000) * 1000);
}

const DATE_FORMAT = 'yyyy-mm-dd hh:mm:ss';

/** One sheet cell: numbers as numbers, times as dates, ids as text, empty for counts a network does not report. */
function xlsxCell(column: ColumnSpec, post: ExportPost, clock: LocalClock): SheetData[number][number] {
  const value = column.value(post, clock);
  switch (column.kind) {
    // Ids are text: X's 19-digit ids do not fit a spreadsheet number.
    case 'id':
      return { type: String, value: String(value), format: '@' };
    case 'number':
      return typeof value === 'number' ? { type: Number, value } : null;
    case 'utc':
      return { type: Date, value: new Date(Math.floor(post.createdAt / 1000) * 1000), format: DATE_FORMAT };
    case 'local':
      return { type: Date, value: wallClock(post.createdAt, clock), format: DATE_FORMAT };
    case 'tags':
    case 'text': {
      const written = Array.isArray(value) ? value.join(' ') : value;
      return typeof written === 'string' && written !== '' ? { type: String, value: written } : null;
    }
  }
}

function xlsxRow(post: ExportPost, clock: LocalClock): SheetData[number] {
  return COLUMNS.map((column) => xlsxCell(column, post, clock));
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
 * A `note` (say, that the sheet is cut short) is written in bold above the column headers.
 */
export async function exportXlsx(pages: Iterable<readonly ExportPost[]>, timeZone: string, counter: { posts: number } = { posts: 0 }, note?: string): Promise<Buffer> {
  const clock = localClock(timeZone);
  const rows: SheetData = note ? [[{ type: String, fontWeight: 'bold', value: note }], xlsxHeader(timeZone)] : [xlsxHeader(timeZone)];
  for (const page of pages) {
    for (const post of page) rows.push(xlsxRow(post, clock));
    counter.posts += page.length;
    await nextTurn();
  }
  // The header row, and the note above it, stay in view while scrolling.
  return writeExcelFile(rows, { sheet: 'posts', stickyRowsCount: note ? 2 : 1 }).toBuffer();
}
