// A small table as a CSV download, written the way the posts export is (core/csv-writer.ts):
// UTF-8 with a byte-order mark so spreadsheets show accents and emoji, CRLF (RFC 4180), line breaks
// quoted, and any cell a spreadsheet would run as a formula (= + - @ …) given a leading apostrophe,
// since names and handles come from strangers. Empty cells for null.
import { csvLine, type CsvValue } from './csv-writer.js';

export type CsvCell = CsvValue;

/** The CSV text of `rows` under `columns` (each row gives a value per column). */
export function tableCsv<C extends string>(columns: readonly C[], rows: ReadonlyArray<Readonly<Record<C, CsvCell>>>): string {
  return `\uFEFF${csvLine(columns)}${rows.map((row) => csvLine(columns.map((column) => row[column]))).join('')}`;
}
