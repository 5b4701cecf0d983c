// A small table as a CSV download, written the way the posts export is (core/export-format.ts):
// UTF-8 with a byte-order mark so spreadsheets show accents and emoji, CRLF (RFC 4180), and any cell
// a spreadsheet would run as a formula (= + - @ …) given a leading apostrophe, since names and
// handles come from strangers. Empty cells for null.
import { stringify } from 'csv-stringify/sync';

export type CsvCell = string | number | null;

/** The CSV text of `rows` under `columns` (each row gives a value per column). */
export function tableCsv<C extends string>(columns: readonly C[], rows: ReadonlyArray<Readonly<Record<C, CsvCell>>>): string {
  return `\uFEFF${stringify([...rows] as Array<Record<string, CsvCell>>, { header: true, columns: [...columns], record_delimiter: 'windows', escape_formulas: true })}`;
}
