// The posts export's KPI columns come from the KPI catalogue: a KPI that one post has, registered in
// core/kpi-catalogue.ts, becomes a column of the CSV, the JSON and the xlsx sheet without a line of
// export code knowing its name.
import { readSheet } from 'read-excel-file/node';
import { describe, expect, test, vi } from 'vitest';
import { EXPORT_COLUMNS, exportTextChunks, exportXlsx, type ExportPost } from '../../core/export-format.js';
import type { MetricReading } from '../../core/types.js';
import { parseCsv } from '../helpers/parse-csv.js';

// A per-post engagement rate only this test knows: engagements of the post over its impressions.
vi.mock('../../core/kpi-catalogue.js', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../core/kpi-catalogue.js')>();
  const { engagementsOf, impressionsOf } = await import('../../core/metrics.js');
  const postRate = {
    id: 'engagementRate',
    column: 'engagement_rate',
    of: (network: string, reading: MetricReading) => {
      const impressions = impressionsOf(network, reading);
      return impressions ? engagementsOf(network, reading) / impressions : null;
    },
  };
  return { ...real, POST_KPI_COLUMNS: [...real.POST_KPI_COLUMNS, postRate] };
});

const TIME_ZONE = 'America/New_York';

function post(network: string, impressions: number | null): ExportPost {
  return {
    network,
    id: `${network}-1`,
    url: `https://example.org/${network}/1`,
    kind: 'original',
    authorUsername: 'fairwork_org',
    authorDisplayName: null,
    authorFollowers: 1200,
    createdAt: Date.parse('2026-11-02T14:05:09Z'),
    text: 'Good jobs #jobquality',
    likes: 30,
    reposts: 5,
    replies: 4,
    quotes: 1,
    bookmarks: 0,
    impressions,
    hashtags: ['jobquality'],
  };
}

const page = [post('x', 800), post('bluesky', null)];

async function text(format: 'csv' | 'json'): Promise<string> {
  let written = '';
  for await (const chunk of exportTextChunks([page], format, TIME_ZONE)) written += chunk;
  return written;
}

describe('export columns from the KPI catalogue', () => {
  test('the columns keep their documented order, with a per-post KPI added to the catalogue after the others', () => {
    expect(EXPORT_COLUMNS).toEqual([
      'network', 'id', 'url', 'kind', 'author_username', 'author_display_name', 'author_followers', 'created_at', 'created_at_local', 'text',
      'likes', 'reposts', 'replies', 'quotes', 'bookmarks', 'impressions', 'engagements', 'engagement_rate', 'hashtags',
    ]);
  });

  test('the CSV writes the new KPI for each post, empty where its network does not report what it needs', async () => {
    const [header, x, bluesky] = parseCsv((await text('csv')).replace(/^\uFEFF/, ''));
    const cell = (row: string[] | undefined, name: string) => row![header!.indexOf(name)];
    expect(cell(x, 'engagements')).toBe('40');
    expect(cell(x, 'engagement_rate')).toBe('0.05');
    expect(cell(bluesky, 'impressions')).toBe('');
    expect(cell(bluesky, 'engagement_rate')).toBe('');
  });

  test('the JSON and the xlsx sheet carry the new KPI as a number', async () => {
    const records = JSON.parse(await text('json')) as Array<Record<string, unknown>>;
    expect(records.map((record) => record.engagement_rate)).toEqual([0.05, null]);
    const [header, x, bluesky] = await readSheet(await exportXlsx([page], TIME_ZONE));
    const column = header!.indexOf('engagement_rate');
    expect([x![column], bluesky![column]]).toEqual([0.05, null]);
  });
});
