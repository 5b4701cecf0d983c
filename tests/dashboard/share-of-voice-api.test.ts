// /api/share-of-voice and /api/amplifiers (and their CSV downloads) over a planted campaign with a
// hand-computed answer (tests/helpers/voice-campaign.ts): two collected days, a comparator collected
// from before them, one post with both hashtags, and a person whose two accounts the map joins.
import { describe, expect, test } from 'vitest';
import { parseCsv } from '../helpers/parse-csv.js';
import { testDashboard } from '../helpers/test-dashboard.js';
import { VOICE_NOW as NOW, voiceDashboardPerFile } from '../helpers/voice-campaign.js';

const { db: servedDb, request } = voiceDashboardPerFile();

async function json(path: string): Promise<any> {
  const response = await request(path);
  expect(response.status, await response.clone().text()).toBe(200);
  return response.json();
}

describe('GET /api/share-of-voice', () => {
  test('gives each day and the range the campaign share against the comparator, as computed by hand', async () => {
    const answer = await json('/api/share-of-voice?from=2026-11-23&to=2026-11-25&network=x,mastodon');
    expect(answer.comparators).toEqual(['fairpay']);
    const [voice] = answer.voices;
    expect(voice.points.map((point: any) => [point.start, point.status, point.figures?.share ?? null])).toEqual([
      // 15 of 45 engagements; Ana vs Rival.
      ['2026-11-23T00:00:00.000Z', 'complete', { posts: 0.5, people: 0.5, engagements: 0.3333 }],
      // Bo (with both hashtags) and Ana's Mastodon account vs Ana's X account: Ana is one person on both sides.
      ['2026-11-24T00:00:00.000Z', 'complete', { posts: 0.6667, people: 1, engagements: 0.6 }],
      ['2026-11-25T00:00:00.000Z', 'in_progress', { posts: null, people: null, engagements: null }],
    ]);
    expect(voice.total).toEqual({
      campaign: { posts: 4, people: 2, engagements: 21 },
      comparator: { posts: 3, people: 2, engagements: 34 },
      overlapPosts: 1,
      share: { posts: 0.5714, people: 0.6667, engagements: 0.3818 },
    });
    expect(answer.peopleAre).toBe('people (mapped accounts counted once)');
    expect(answer.definitions.map((definition: any) => definition.id)).toEqual(['sov_posts', 'sov_people', 'sov_engagements', 'sov_overlap']);
  });

  test('days before the comparator was collected are left out, not counted as zero', async () => {
    // The comparator counts from its first pass (22 Nov 06:00) less that pass's 7-day reach.
    const answer = await json('/api/share-of-voice?from=2026-11-14&to=2026-11-16&network=x');
    expect(answer.voices[0].points.map((point: any) => [point.start.slice(0, 10), point.status])).toEqual([
      ['2026-11-14', 'not_collected'],
      ['2026-11-15', 'partial'],
      ['2026-11-16', 'complete'],
    ]);
    expect(answer.voices[0].bucketsLeftOut).toBe(1);
  });

  test('the CSV has a row per day and a total row, with empty cells where nothing was collected', async () => {
    const response = await request('/api/share-of-voice.csv?from=2026-11-22&to=2026-11-24&network=x,mastodon');
    expect(response.headers.get('content-disposition')).toBe('attachment; filename="jobquality-share-of-voice-2026-11-22-to-2026-11-24.csv"');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsv(new TextDecoder().decode(bytes));
    expect(rows.map((row) => [row[3], row[5], row[6], row[7], row[8]])).toEqual([
      ['local_date', 'campaign_posts', 'comparator_posts', 'overlap_posts', 'share_of_posts'],
      ['2026-11-22', '0', '0', '0', ''],
      ['2026-11-23', '2', '2', '0', '0.5'],
      ['2026-11-24', '2', '1', '1', '0.6667'],
      ['total (collected buckets)', '4', '3', '1', '0.5714'],
    ]);
  });

  test('answers an empty list when no comparator is configured, and refuses an hourly interval', async () => {
    const { app } = testDashboard({ db: servedDb(), hashtags: ['jobquality'], timeZone: 'UTC', now: () => NOW });
    expect(((await (await app.request('/api/share-of-voice')).json()) as { voices: unknown[] }).voices).toEqual([]);
    expect((await request('/api/share-of-voice?interval=hour')).status).toBe(400);
  });
});

describe('GET /api/amplifiers', () => {
  test("ranks people by reach, Ana's two accounts as one person", async () => {
    const answer = await json('/api/amplifiers?from=2026-11-23&to=2026-11-25');
    expect(answer.accountMap).toEqual({ loaded: true, people: 1 });
    expect(answer.amplifiers.map((entry: any) => [entry.rank, entry.person, entry.accounts.map((a: any) => a.username), entry.reach, entry.posts, entry.engagements])).toEqual([
      [1, 'Ana Ruiz', ['ana', 'ana@social.example'], 1300, 3, 17],
      [2, null, ['bo'], 400, 1, 4],
    ]);
    expect(answer.amplifiers[0].firstSeenAt).toBe('2026-11-23T02:00:00.000Z');
  });

  test('the CSV lists the ranking, and a display name that looks like a formula is not run', async () => {
    const text = await (await request('/api/amplifiers.csv?from=2026-11-23&to=2026-11-25&by=engagements')).text();
    const rows = parseCsv(text);
    expect(rows[0]).toEqual(['rank', 'person', 'accounts', 'display_names', 'posts', 'reposts', 'reach', 'engagements', 'ready_made_posts', 'first_seen_at']);
    expect(rows[1]).toEqual(['1', 'Ana Ruiz', 'x:ana mastodon:ana@social.example', `'=HYPERLINK("x") | ana@social.example`, '3', '0', '1300', '17', '0', '2026-11-23T02:00:00.000Z']);
  });

  test('refuses an unknown order with the accepted values', async () => {
    const response = await request('/api/amplifiers?by=followers');
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('reach');
  });
});
