// The posts CSV as it was written before issue 14's export work: a record object per post, luxon per
// row for the local time, csv-stringify for the text. Kept as the baseline the export benchmark
// times against and the reference the new writer's bytes are tested against.
import { stringify } from 'csv-stringify/sync';
import { DateTime } from 'luxon';
import { EXPORT_COLUMNS, toExportRecord, type ExportPost } from '../core/export-format.js';
import type { LocalClock } from '../core/local-clock.js';

/** A clock that asks luxon (local) and Date (UTC) for every instant: the previous implementation and its cost. */
export function luxonClock(timeZone: string): LocalClock {
  return {
    utc: (ms) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z'),
    iso: (ms) => DateTime.fromMillis(ms, { zone: timeZone }).toISO({ suppressMilliseconds: true, includeOffset: true })!,
    offsetMinutes: (ms) => DateTime.fromMillis(ms, { zone: timeZone }).offset,
  };
}

/**
 * Options of {@link previousCsv}. The previous export left a bare line feed or carriage return
 * unquoted (csv-stringify stops quoting them once `record_delimiter` is set), which splits the post's
 * row in a spreadsheet; `quoteLineBreaks` asks csv-stringify to quote them, as RFC 4180 wants.
 */
export interface PreviousCsvOptions {
  quoteLineBreaks?: boolean;
}

/** One chunk of the previous CSV: csv-stringify with the options the export used. */
function previousCsvChunk(posts: readonly ExportPost[], timeZone: string, first: boolean, options: PreviousCsvOptions): string {
  const clock = luxonClock(timeZone);
  const records = posts.map((post) => toExportRecord(post, clock));
  return stringify(records as unknown as Array<Record<string, unknown>>, {
    header: first,
    bom: false,
    columns: [...EXPORT_COLUMNS],
    record_delimiter: 'windows',
    quote_record_delimiter: options.quoteLineBreaks ?? false,
    escape_formulas: true,
    cast: { object: (value) => (Array.isArray(value) ? value.join(' ') : JSON.stringify(value)) },
  }).replace(/^/, first ? '\uFEFF' : '');
}

/** The whole previous CSV of `pages` as one string (byte-order mark, header, CRLF records). */
export function previousCsv(pages: Iterable<readonly ExportPost[]>, timeZone: string, options: PreviousCsvOptions = {}): string {
  let text = '';
  let first = true;
  for (const page of pages) {
    if (page.length === 0) continue;
    text += previousCsvChunk(page, timeZone, first, options);
    first = false;
  }
  return first ? previousCsvChunk([], timeZone, true, options) : text;
}
