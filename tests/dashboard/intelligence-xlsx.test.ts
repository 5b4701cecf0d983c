// /api/share-of-voice.xlsx and /api/amplifiers.xlsx over the planted voice campaign
// (tests/helpers/voice-campaign.ts): read back with read-excel-file, each workbook holds the CSV's rows
// with numbers as numbers and UTC instants as dates, and a display name written as a formula is text.
import { readSheet } from 'read-excel-file/node';
import { describe, expect, test } from 'vitest';
import { parseCsv } from '../helpers/parse-csv.js';
import { voiceDashboardPerFile } from '../helpers/voice-campaign.js';

/** A cell as read-excel-file reads it (its own types say `typeof Date` where it gives a Date). */
type SheetCell = string | number | boolean | Date | null;

const { request } = voiceDashboardPerFile();

async function workbook(path: string): Promise<{ response: Response; header: SheetCell[]; rows: SheetCell[][] }> {
  const response = await request(path);
  expect(response.status).toBe(200);
  const [header, ...rows] = (await readSheet(Buffer.from(await response.arrayBuffer()))) as unknown as SheetCell[][];
  return { response, header: header!, rows };
}

async function csvRows(path: string): Promise<string[][]> {
  return parseCsv((await (await request(path)).text()).replace(/^\uFEFF/, '')).slice(1);
}

/** Spreadsheet times are fractions of a day; read back, they are exact to the second. */
const toSecond = (value: Date) => new Date(Math.round(value.getTime() / 1000) * 1000);

/** A workbook cell as the CSV writes the same value: numbers as JavaScript prints them, dates as ISO-8601 UTC, empty for nothing. */
function asCsvText(cell: SheetCell): string {
  if (cell === null) return '';
  if (cell instanceof Date) return toSecond(cell).toISOString();
  return String(cell);
}

describe('GET /api/share-of-voice.xlsx', () => {
  const QUERY = '?from=2026-11-22&to=2026-11-24&network=x,mastodon';

  test('holds the same rows and values as the CSV, named like it', async () => {
    const { response, header, rows } = await workbook(`/api/share-of-voice.xlsx${QUERY}`);
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="jobquality-share-of-voice-2026-11-22-to-2026-11-24.xlsx"');
    expect(header.slice(0, 5)).toEqual(['comparator', 'bucket_start (UTC)', 'bucket_end (UTC)', 'local_date', 'status']);
    const csv = await csvRows(`/api/share-of-voice.csv${QUERY}`);
    expect(csv).toHaveLength(4);
    expect(rows.map((row) => row.map(asCsvText))).toEqual(csv);
  });

  test('counts and shares are numbers, bucket times are dates, and the total row keeps its label', async () => {
    const { header, rows } = await workbook(`/api/share-of-voice.xlsx${QUERY}`);
    const column = (name: string) => header.indexOf(name);
    const day = rows.find((row) => row[column('local_date')] === '2026-11-23')!;
    expect(toSecond(day[column('bucket_start (UTC)')] as Date)).toEqual(new Date('2026-11-23T00:00:00Z'));
    expect([day[column('campaign_posts')], day[column('share_of_posts')], day[column('share_of_engagements')]]).toEqual([2, 0.5, 0.3333]);
    const total = rows.at(-1)!;
    expect([total[column('bucket_start (UTC)')], total[column('local_date')], total[column('campaign_engagements')], total[column('share_of_people')]]).toEqual([null, 'total (collected buckets)', 21, 0.6667]);
    // 22 Nov: nothing on either side, so no share to give: an empty cell, not zero.
    expect(rows[0]![column('share_of_posts')]).toBeNull();
  });
});

describe('GET /api/amplifiers.xlsx', () => {
  const QUERY = '?from=2026-11-23&to=2026-11-25&by=engagements';

  test('lists the ranking with numbers as numbers, first seen as a date, and a formula-looking display name as text never run', async () => {
    const { response, header, rows } = await workbook(`/api/amplifiers.xlsx${QUERY}`);
    // read-excel-file gives a formula cell's stored result, and a written formula has none: it would read back empty.
    expect(response.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="jobquality-amplifiers-2026-11-23-to-2026-11-25.xlsx"');
    expect(header).toEqual(['rank', 'person', 'accounts', 'display_names', 'posts', 'reposts', 'reach', 'engagements', 'ready_made_posts', 'first_seen_at (UTC)']);
    expect(rows.map((row) => row.map((cell) => (cell instanceof Date ? toSecond(cell) : cell)))).toEqual([
      [1, 'Ana Ruiz', 'x:ana mastodon:ana@social.example', '=HYPERLINK("x") | ana@social.example', 3, 0, 1300, 17, 0, new Date('2026-11-23T02:00:00Z')],
      [2, null, 'x:bo', 'bo', 1, 0, 400, 4, 0, new Date('2026-11-24T03:00:00Z')],
    ]);
  });

  test('holds the CSV rows, a formula-looking name as the text it is rather than defused with an apostrophe', async () => {
    const { rows } = await workbook(`/api/amplifiers.xlsx${QUERY}`);
    const csv = await csvRows(`/api/amplifiers.csv${QUERY}`);
    expect(csv[0]![3]).toBe(`'=HYPERLINK("x") | ana@social.example`);
    const undefused = csv.map((row) => row.map((cell) => (cell.startsWith("'=") ? cell.slice(1) : cell)));
    expect(rows.map((row) => row.map(asCsvText))).toEqual(undefused);
  });
});
