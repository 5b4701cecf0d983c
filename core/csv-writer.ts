// RFC 4180 CSV lines written directly, byte for byte what csv-stringify writes with the posts export's
// options plus `quote_record_delimiter` (CRLF records, quotes only where needed, any line break quoted,
// formula cells defused), at a fraction of its cost. tests/core/export-csv-bytes.test.ts holds it to that.

/** A CSV cell before writing: text, a number, or nothing (an empty cell). */
export type CsvValue = string | number | null | undefined;

/** A field needs quotes when it holds the delimiter, a quote or a line break. */
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * First characters that make a spreadsheet run a cell as a formula (OWASP "CSV injection"): such text
 * gets a leading apostrophe. The list is csv-stringify's `escape_formulas` one, full-width forms included.
 */
const FORMULA_STARTS = new Set(['=', '+', '-', '@', '\t', '\r', '\uFF1D', '\uFF0B', '\uFF0D', '\uFF20']);

/** One field as written: numbers as JavaScript prints them (a negative number is not a formula), text defused and quoted as needed. */
export function csvField(value: CsvValue): string {
  if (typeof value === 'number') return String(value);
  if (!value) return '';
  const text = FORMULA_STARTS.has(value[0]!) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One record with its CRLF. */
export function csvLine(values: readonly CsvValue[]): string {
  let line = '';
  for (let i = 0; i < values.length; i += 1) line += (i === 0 ? '' : ',') + csvField(values[i]);
  return `${line}\r\n`;
}
