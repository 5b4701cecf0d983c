// The benchmark's synthetic campaign: deterministic for a seed, the requested size, and written
// through the collector's store functions so the dashboard API reports exactly what was generated.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { populateCampaign, type PopulateStats } from '../../bench/populate.js';
import { createCampaign, DAY_MS, type Campaign, type CampaignOptions } from '../../bench/synthetic-campaign.js';
import { engagementsOf } from '../../core/metrics.js';
import { collectedNetworkIds } from '../../core/networks.js';
import { openDatabase, type Db } from '../../db/connection.js';
import { jsonAsker } from '../helpers/ask-api.js';
import { captureLogger } from '../helpers/capture-logger.js';
import { testDashboard } from '../helpers/test-dashboard.js';

const NOW = Date.parse('2026-06-30T16:00:00Z');
const options = (overrides: Partial<CampaignOptions> = {}): CampaignOptions => ({ posts: 2_000, snapshotsPerPost: 6, days: 30, seed: 7, now: NOW, ...overrides });

describe('synthetic campaign', () => {
  test('the same seed generates the same posts, authors and readings', () => {
    const first = createCampaign(options());
    const second = createCampaign(options());
    for (const index of [0, 1, 999, 1_999]) {
      const post = first.post(index);
      expect(second.post(index)).toEqual(post);
      expect(second.author(post.network, post.authorIndex)).toEqual(first.author(post.network, post.authorIndex));
      for (let j = 0; j < 6; j += 1) expect(second.reading(second.post(index), j)).toEqual(first.reading(post, j));
    }
    expect(second.plannedTotals()).toEqual(first.plannedTotals());
  });

  test('a different seed generates a different campaign', () => {
    const first = createCampaign(options());
    const other = createCampaign(options({ seed: 8 }));
    const texts = (campaign: Campaign) => Array.from({ length: 50 }, (_, i) => campaign.post(i).normalized.text + campaign.post(i).createdAt);
    expect(texts(other)).not.toEqual(texts(first));
  });

  test('posts are created in index order within the campaign, on all three networks', () => {
    const campaign = createCampaign(options());
    let previous = -Infinity;
    const networks = new Set<string>();
    for (let i = 0; i < 2_000; i += 1) {
      const post = campaign.post(i);
      expect(post.createdAt).toBeGreaterThanOrEqual(Math.max(previous, campaign.start));
      expect(post.createdAt).toBeLessThan(campaign.end);
      previous = post.createdAt;
      networks.add(post.network);
    }
    expect([...networks].sort()).toEqual([...collectedNetworkIds()].sort());
    expect(campaign.end - campaign.start).toBe(30 * DAY_MS);
  });

  test('a few accounts post much more than most, and a few posts are far more engaging than the median', () => {
    const campaign = createCampaign(options({ posts: 5_000 }));
    const perAuthor = new Map<string, number>();
    const likes: number[] = [];
    for (let i = 0; i < 5_000; i += 1) {
      const post = campaign.post(i);
      const key = `${post.network}:${post.authorIndex}`;
      perAuthor.set(key, (perAuthor.get(key) ?? 0) + 1);
      likes.push(post.final.likes ?? 0);
    }
    const counts = [...perAuthor.values()].sort((a, b) => b - a);
    expect(counts[0]!).toBeGreaterThan(20 * counts[Math.floor(counts.length / 2)]!);
    likes.sort((a, b) => b - a);
    expect(likes[0]!).toBeGreaterThan(100 * Math.max(1, likes[Math.floor(likes.length / 2)]!));
  });

  test('every reading differs from the one before, so each stores one snapshot', () => {
    const campaign = createCampaign(options());
    for (const index of [3, 500, 1_500]) {
      const post = campaign.post(index);
      for (let j = 1; j < 6; j += 1) {
        expect(campaign.reading(post, j)).not.toEqual(campaign.reading(post, j - 1));
        expect(campaign.reading(post, j).likes!).toBeGreaterThan(campaign.reading(post, j - 1).likes!);
        expect(campaign.observedAt(post, j)).toBeGreaterThan(campaign.observedAt(post, j - 1));
      }
    }
  });

  test('refuses sizes it cannot generate', () => {
    expect(() => createCampaign(options({ posts: 0 }))).toThrow(/posts/);
    expect(() => createCampaign(options({ snapshotsPerPost: 13 }))).toThrow(/snapshotsPerPost/);
  });
});

describe('populating a small campaign', () => {
  // Enough posts that some are deleted on the way (about one in a thousand).
  const campaign = createCampaign(options({ posts: 3_000, snapshotsPerPost: 4, days: 20 }));
  let db: Db;
  let stats: PopulateStats;
  let request: (path: string) => Promise<any>;

  beforeAll(() => {
    db = openDatabase(':memory:');
    stats = populateCampaign(db, campaign);
    const { app } = testDashboard({ db, hashtags: [...campaign.hashtags], timeZone: 'America/New_York', log: captureLogger('warn').log, now: () => NOW });
    request = jsonAsker(app);
  }, 60_000);

  afterAll(() => db.close());

  const wholeCampaign = () => `from=${new Date(campaign.start).toISOString()}&to=${new Date(campaign.end + DAY_MS).toISOString()}`;

  test('stores every generated post and the planned snapshots', () => {
    const planned = campaign.plannedTotals();
    expect(stats.posts).toBe(3_000);
    expect(planned.removed).toBeGreaterThan(0);
    expect(stats.removed).toBe(planned.removed);
    expect(stats.snapshots).toBe(planned.snapshots);
    // Most posts got all four readings; only the last few days' posts are still waiting for some.
    expect(planned.snapshots).toBeGreaterThan(0.9 * 4 * (3_000 - planned.removed));
  });

  test('the API counts the live posts and their latest engagements as generated', async () => {
    let engagements = 0;
    let live = 0;
    for (let i = 0; i < 3_000; i += 1) {
      const post = campaign.post(i);
      const taken = campaign.readingsTaken(post);
      if (post.deletedAtReading !== null && taken > post.deletedAtReading) continue;
      live += 1;
      engagements += engagementsOf(post.network, campaign.reading(post, taken - 1));
    }
    const summary = await request(`/api/summary?${wholeCampaign()}`);
    expect(summary.current.posts.total).toBe(live);
    expect(summary.current.engagements).toBe(engagements);
    const status = await request('/api/status');
    expect(status.networks.reduce((sum: number, network: { posts: number }) => sum + network.posts, 0)).toBe(live);
  });

  test('engagements gained over the campaign add up to the latest engagements (rollups kept by the write path)', async () => {
    const summary = await request(`/api/summary?${wholeCampaign()}`);
    const series = await request(`/api/timeseries?metric=engagements&interval=day&${wholeCampaign()}`);
    const gained = series.points.reduce((sum: number, point: { value: number }) => sum + point.value, 0);
    expect(gained).toBe(summary.current.engagements);
  });

  test('every tick of the campaign recorded one run per network', async () => {
    const coverage = await request(`/api/coverage?from=${new Date(campaign.start + DAY_MS).toISOString().slice(0, 10)}&to=${new Date(campaign.end - DAY_MS).toISOString().slice(0, 10)}`);
    for (const day of coverage.days) {
      expect(day.runs).toBeGreaterThanOrEqual(92);
      expect(day.gap).toBe(false);
    }
  });
});
