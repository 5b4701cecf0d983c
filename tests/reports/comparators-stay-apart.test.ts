// Comparator posts never enter a campaign number: every campaign answer (summary, series, top posts
// and contributors, networks, hashtags, shareables, exports, coverage, the weekly report, moments,
// alerts) is computed, comparator posts are planted on every day by the campaign's own accounts,
// and every answer is computed again and compared.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { SERIES_IDS } from '../../core/kpi-catalogue.js';
import { collectedNetworkIds } from '../../core/networks.js';
import type { MetricReading } from '../../core/types.js';
import { noteComparatorCollected, storeComparatorPost } from '../../db/comparator-posts.js';
import { openDatabase, type Db } from '../../db/connection.js';
import { iterateExportPages } from '../../db/export.js';
import { detectAlerts } from '../../reports/alerts/detect-alerts.js';
import { DEFAULT_SURGE_RULES } from '../../core/surge-detection.js';
import { generateWeeklyReport } from '../../reports/generate-weekly-report.js';
import { measureMoments } from '../../reports/moments/measure-moments.js';
import { renderJson } from '../../reports/render-json.js';
import { collectedAfter, HOUR, storeHourPosts, WEEK } from '../helpers/hourly-campaign.js';
import { makePost } from '../helpers/posts.js';
import { seedDatabase, type SeededDatabase } from '../helpers/seed-database.js';
import { testDashboard } from '../helpers/test-dashboard.js';

const DAY = 24 * HOUR;
let seed: SeededDatabase;

const PATHS = [
  '/api/summary',
  '/api/summary?from=2026-10-22',
  ...SERIES_IDS.flatMap((metric) => [`/api/timeseries?metric=${metric}&from=2026-10-22`, `/api/timeseries?metric=${metric}&interval=hour&from=2026-11-03`]),
  ...['engagements', 'impressions', 'recent'].map((by) => `/api/top-posts?by=${by}&limit=100&from=2026-10-22`),
  ...['posts', 'engagements', 'reach'].map((by) => `/api/top-contributors?by=${by}&limit=100&from=2026-10-22`),
  '/api/networks?from=2026-10-22',
  '/api/hashtags?from=2026-10-22&limit=100',
  '/api/shareables?from=2026-10-22',
  '/api/coverage?from=2026-10-22',
  '/api/alerts?from=2026-10-22',
  '/api/posts.csv?from=2026-10-22',
  '/api/summary?hashtag=fairwork&network=x',
];

/** Every campaign answer, as text. */
async function campaignAnswers(db: Db): Promise<Record<string, string>> {
  const { app } = testDashboard({ db, hashtags: seed.hashtags, timeZone: seed.timeZone, now: () => seed.now });
  const answers: Record<string, string> = {};
  for (const path of PATHS) {
    const response = await app.request(path);
    expect(response.status, path).toBe(200);
    answers[path] = await response.text();
  }
  const window = { start: seed.now - 14 * DAY, end: seed.now };
  answers.export = JSON.stringify([...iterateExportPages(db, window, { networks: collectedNetworkIds(), hashtag: null })]);
  for (const week of ['2026-W44', '2026-W45']) {
    answers[week] = renderJson(await generateWeeklyReport({ db, week, timeZone: seed.timeZone, hashtags: seed.hashtags, now: seed.now }));
  }
  answers.moments = JSON.stringify(measureMoments(db, [{ at: new Date(seed.now - 3 * DAY).toISOString(), what: 'Launch', network: 'all' }], seed.now));
  return answers;
}

const counts = (likes: number): MetricReading => ({ likes, reposts: 3, replies: 2, quotes: 1, bookmarks: 1, impressions: 900 });

/** A comparator post every two hours of the seeded fortnight, by the campaign's own accounts, on every network. */
function plantComparatorPosts(db: Db): number {
  let planted = 0;
  for (let at = seed.now - 14 * DAY; at < seed.now; at += 2 * HOUR) {
    const author = seed.authors[planted % seed.authors.length]!;
    const post = makePost(`rival-${planted}`, {
      network: author.network,
      createdAt: at,
      author: { networkId: author.networkId, username: author.username, displayName: author.displayName, followers: 99_999, verified: null },
      hashtags: ['fairpay', 'livingwage'],
      metrics: counts(50),
    });
    storeComparatorPost(db, { post, tags: ['fairpay'], now: at + HOUR, nextRefreshAt: null });
    planted += 1;
  }
  for (const network of collectedNetworkIds()) noteComparatorCollected(db, network, 'fairpay', seed.now - 14 * DAY);
  return planted;
}

beforeAll(() => {
  seed = seedDatabase();
});

afterAll(() => seed.db.close());

describe('comparator posts and the campaign numbers', () => {
  test('every campaign answer is the same after comparator posts are planted on every day', async () => {
    const before = await campaignAnswers(seed.db);
    // The answers hold numbers worth comparing.
    expect(JSON.parse(before['/api/summary?from=2026-10-22']!).current.posts.total).toBeGreaterThan(100);
    expect(plantComparatorPosts(seed.db)).toBeGreaterThan(150);
    const after = await campaignAnswers(seed.db);
    for (const key of Object.keys(before)) expect(after[key], key).toBe(before[key]);
    // The planted posts are there to be counted by share of voice.
    expect(seed.db.prepare('SELECT COUNT(*) AS n FROM comparator_posts').get()).toEqual({ n: 168 });
  });

  test('a surge of comparator posts raises no alert, where the same surge of campaign posts does', () => {
    const db = openDatabase(':memory:');
    const hour = Date.parse('2026-11-30T14:00:00Z');
    const regulars = Array.from({ length: 20 }, (_v, i) => `regular${i}`);
    for (let k = 6; k >= 1; k -= 1) {
      storeHourPosts(db, hour - k * WEEK, 20, { authors: regulars, likes: 5 });
      collectedAfter(db, hour - k * WEEK);
    }
    storeHourPosts(db, hour, 20, { authors: regulars, likes: 5 });
    for (let i = 0; i < 80; i += 1) {
      const post = makePost(`surge-${i}`, { createdAt: hour + i * 40_000, author: { networkId: `new-${i}`, username: `new${i}`, displayName: null, followers: 10, verified: null }, hashtags: ['fairpay'] });
      storeComparatorPost(db, { post, tags: ['fairpay'], now: hour + HOUR, nextRefreshAt: null });
    }
    collectedAfter(db, hour);
    const options = { db, now: hour + HOUR + 20 * 60_000, timeZone: 'America/New_York', rules: DEFAULT_SURGE_RULES, baselineWeeks: 6, recentHours: 1 };
    expect(detectAlerts(options)).toEqual([]);
    storeHourPosts(db, hour, 80, { authors: Array.from({ length: 60 }, (_v, i) => `new${i}`), likes: 10 });
    expect(detectAlerts(options).map((alert) => alert.direction)).toContain('surge');
    db.close();
  });
});
