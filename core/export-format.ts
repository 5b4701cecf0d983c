// Serialises export rows as RFC 4180 CSV (csv-stringify) or a JSON array, streamed row by row.
import { Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';

export const EXPORT_COLUMNS = [
  'network',
  'id',
  'url',
  'author_username',
  'author_followers',
  'created_at',
  'text',
  'likes',
  'reposts',
  'replies',
  'quotes',
  'bookmarks',
  'impressions',
  'hashtags',
] as const;

export type ExportFormat = 'csv' | 'json';

type Row = Record<(typeof EXPORT_COLUMNS)[number], unknown> & { hashtags: readonly string[] };

/** Writes rows to `out`; CSV uses CRLF records and quotes fields that need it, empty cells for null. */
export async function writeExport(rows: Iterable<Row>, format: ExportFormat, out: Writable): Promise<number> {
  let count = 0;
  const counted = (function* () {
    for (const row of rows) {
      count += 1;
      yield row;
    }
  })();
  if (format === 'csv') {
    const csv = stringify({
      header: true,
      columns: [...EXPORT_COLUMNS],
      record_delimiter: 'windows',
      // Post text is written by strangers and opened in spreadsheets: a cell starting with = + - @ would
      // run as a formula (OWASP "CSV injection"), so such cells get a leading apostrophe.
      escape_formulas: true,
      // Spreadsheet users read tags better as one space-separated cell.
      cast: { object: (value) => (Array.isArray(value) ? value.join(' ') : JSON.stringify(value)) },
    });
    await pipeline(Readable.from(counted), csv, out, { end: false });
    return count;
  }
  const json = Readable.from(
    (function* () {
      let first = true;
      yield '[';
      for (const row of counted) {
        const ordered = Object.fromEntries(EXPORT_COLUMNS.map((column) => [column, row[column]]));
        yield `${first ? '\n' : ',\n'}  ${JSON.stringify(ordered)}`;
        first = false;
      }
      yield first ? ']\n' : '\n]\n';
    })(),
  );
  await pipeline(json, out, { end: false });
  return count;
}
