// A small table (the rows a CSV download writes) as a one-sheet .xlsx workbook, typed the way the posts
// workbook is (core/export-format.ts): numbers as numbers, the columns declared as UTC instants as dates,
// everything else as text. Text goes in as string cells, which a spreadsheet shows and never runs, so
// a name such as =HYPERLINK(…) stays the stranger's text, unchanged (the CSV needs an apostrophe instead).
import writeExcelFile, { type SheetData } from 'write-excel-file/node';
import type { CsvCell } from './table-csv.js';

/** How the sheet is written: its name, and which columns hold ISO-8601 UTC instants to write as dates. */
export interface TableXlsxOptions<C extends string> {
  sheet: string;
  utcColumns?: readonly C[];
}

const DATE_FORMAT = 'yyyy-mm-dd hh:mm:ss';

/** An ISO-8601 instant in UTC, as isoUtc writes them (2026-11-23T02:00:00.000Z); anything else stays text. */
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/;

type Cell = SheetData[number][number];

/** One cell: a number, a date for an instant in a UTC column, text, or empty for null. */
function tableCell(value: CsvCell, utc: boolean): Cell {
  if (typeof value === 'number') return Number.isFinite(value) ? { type: Number, value } : null;
  if (value === null || value === undefined || value === '') return null;
  // Excel has no time zones: a UTC instant is written as the UTC wall-clock time, and its header says so.
  if (utc && ISO_UTC.test(value)) return { type: Date, value: new Date(value), format: DATE_FORMAT };
  return { type: String, value };
}

/** The sheet's cells: a bold header row (UTC columns named "column (UTC)"), then one row per record. */
export function tableSheet<C extends string>(columns: readonly C[], rows: ReadonlyArray<Readonly<Record<C, CsvCell>>>, utcColumns: readonly C[] = []): SheetData {
  const utc = columns.map((column) => utcColumns.includes(column));
  const header = columns.map((column, i): Cell => ({ type: String, fontWeight: 'bold', value: utc[i] ? `${column} (UTC)` : column }));
  return [header, ...rows.map((row) => columns.map((column, i) => tableCell(row[column], utc[i]!)))];
}

/** The .xlsx workbook of `rows` under `columns`, the header row kept in view while scrolling. */
export function tableXlsx<C extends string>(columns: readonly C[], rows: ReadonlyArray<Readonly<Record<C, CsvCell>>>, options: TableXlsxOptions<C>): Promise<Buffer> {
  return writeExcelFile(tableSheet(columns, rows, options.utcColumns), { sheet: options.sheet, stickyRowsCount: 1 }).toBuffer();
}
