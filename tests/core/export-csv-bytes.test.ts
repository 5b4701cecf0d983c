// The posts CSV is written by a small writer instead of csv-stringify, for speed; a spreadsheet must not
// see a byte of difference. Hostile and awkward posts go through both and the files are compared whole.
// One difference is deliberate: a bare line break in a post is now quoted (RFC 4180); before, it split
// the post's row in a spreadsheet. The reference is csv-stringify with that one option turned on.
import { describe, expect, test } from 'vitest';
import { exportTextChunks, type ExportPost } from '../../core/export-format.js';
import { csvField } from '../../core/csv-writer.js';
import { previousCsv } from '../../bench/previous-export.js';
import { parseCsv } from '../helpers/parse-csv.js';

/** csv-stringify with the export's options and line breaks quoted. */
const reference = (pages: ExportPost[][], timeZone: string) => previousCsv(pages, timeZone, { quoteLineBreaks: true });

function post(id: number, fields: Partial<ExportPost> = {}): ExportPost {
  return {
    network: 'x',
    id: String(1_800_000_000_000_000_000n + BigInt(id)),
    url: `https://x.com/someone/status/${id}`,
    kind: 'original',
    authorUsername: 'someone',
    authorDisplayName: 'Some One',
    authorFollowers: 1200,
    createdAt: Date.parse('2026-11-01T05:00:00Z') + id * 97_000,
    text: 'Good jobs #jobquality',
    likes: 3,
    reposts: 1,
    replies: 0,
    quotes: null,
    bookmarks: null,
    impressions: 900,
    hashtags: ['jobquality'],
    ...fields,
  };
}

const HOSTILE_TEXTS = [
  'She said "fair pay", then left',
  'wages, hours, and say',
  'line one\nline two',
  'windows\r\nbreak',
  'a lone \r return',
  '=HYPERLINK("http://evil.example","click")',
  '+1 for unions',
  '-2 hours of unpaid work',
  '@everyone read this',
  '\tTabbed',
  '\rStarts with a return',
  '＝SUM(A1) full-width',
  '＋ full-width plus',
  '－ full-width minus',
  '＠ full-width at',
  'ça compte 👍 — 工作质量 — עבודה',
  '',
  ' ',
  '"',
  '""',
  ',',
  "'already quoted",
  'trailing comma,',
];

/** Posts with every awkward value in every text column, nulls and empties, negative and fractional numbers. */
function hostilePosts(): ExportPost[] {
  const posts = HOSTILE_TEXTS.map((text, i) =>
    post(i, { text, authorDisplayName: HOSTILE_TEXTS[(i + 5) % HOSTILE_TEXTS.length]!, authorUsername: i % 3 === 0 ? '-dash' : `user${i}` }),
  );
  posts.push(
    post(100, { authorDisplayName: null, authorFollowers: null, impressions: null, likes: 0, hashtags: [] }),
    post(101, { hashtags: ['-minus', 'b,c', 'quote"tag'], likes: -3, impressions: 7 }),
    post(102, { url: 'https://example.org/a?b=1,2', kind: 'reply', network: 'bluesky', impressions: null }),
    post(103, { createdAt: Date.parse('2026-11-01T05:59:59.250Z') }),
  );
  return posts;
}

async function newCsv(pages: ExportPost[][], timeZone: string): Promise<string> {
  let text = '';
  for await (const chunk of exportTextChunks(pages, 'csv', timeZone)) text += chunk;
  return text;
}

describe('posts CSV bytes', () => {
  test('hostile text, formulas, line breaks, unicode, nulls and empty cells are written exactly as csv-stringify writes them', async () => {
    const posts = hostilePosts();
    const pages = [posts.slice(0, 10), [], posts.slice(10)];
    const written = await newCsv(pages, 'America/New_York');
    expect(written).toBe(reference(pages, 'America/New_York'));
    expect(written).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(written).toContain(',-3,');
  });

  test('local times across the New York autumn change and in a half-hour zone are the same bytes as before', async () => {
    // One post every 97 seconds from 01:00 EDT to past 01:00 EST again, and the same in India.
    const posts = Array.from({ length: 200 }, (_, i) => post(i));
    for (const zone of ['America/New_York', 'Asia/Kolkata', 'Australia/Lord_Howe']) {
      expect(await newCsv([posts], zone)).toBe(reference([posts], zone));
    }
    const written = await newCsv([posts], 'America/New_York');
    expect(written).toContain('2026-11-01T01:00:00-04:00');
    expect(written).toContain('2026-11-01T01:01:26-05:00');
  });

  test('an export with no posts is the byte-order mark and the header line, as before', async () => {
    expect(await newCsv([], 'America/New_York')).toBe(reference([], 'America/New_York'));
    expect(await newCsv([[]], 'America/New_York')).toMatch(/^\uFEFFnetwork,id,url,.*,hashtags\r\n$/);
  });

  test('a post with a bare line break stays one record: it is quoted, where the previous export left it bare', async () => {
    const pages = [[post(1, { text: 'first paragraph\nsecond paragraph' }), post(2, { text: 'a lone \r return' })]];
    const written = await newCsv(pages, 'America/New_York');
    expect(written).toContain('"first paragraph\nsecond paragraph"');
    expect(written).toContain('"a lone \r return"');
    expect(previousCsv(pages, 'America/New_York')).toContain(',first paragraph\nsecond paragraph,');
    // A reader that ends records at any line break, as spreadsheets do, sees the header and two posts.
    const records = parseCsv(written.replace(/^\uFEFF/, '').replace(/\r?\n/g, '\r\n'));
    expect(records.map((record) => record[9])).toEqual(['text', 'first paragraph\r\nsecond paragraph', 'a lone \r return']);
  });

  test('a negative number stays a number while text starting with a minus is defused', () => {
    expect(csvField(-3)).toBe('-3');
    expect(csvField('-3')).toBe("'-3");
    expect(csvField(null)).toBe('');
    expect(csvField(0)).toBe('0');
  });
});
