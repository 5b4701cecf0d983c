// The benchmark's comparator posts: deterministic, stored once, and counted by share of voice as
// generated, so the bench times share of voice against a real comparator side, not an empty table.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { populateCampaign } from '../../bench/populate.js';
import { BENCH_COMPARATORS, comparatorPost, comparatorPostCount, ensureComparatorPosts } from '../../bench/synthetic-comparators.js';
import { createCampaign, DAY_MS } from '../../bench/synthetic-campaign.js';
import { openDatabase, type Db } from '../../db/connection.js';
import { countComparatorPosts } from '../../db/table-sizes.js';
import { jsonAsker } from '../helpers/ask-api.js';
import { captureLogger } from '../helpers/capture-logger.js';
import { testDashboard } from '../helpers/test-dashboard.js';

const NOW = Date.parse('2026-06-30T16:00:00Z');
const campaign = createCampaign({ posts: 1_500, snapshotsPerPost: 3, days: 14, seed: 3, now: NOW });

describe('synthetic comparator posts', () => {
  test('the same seed and index give the same comparator post, inside the campaign, with one or both comparator tags', () => {
    const again = createCampaign({ ...campaign.options });
    let both = 0;
    for (let i = 0; i < comparatorPostCount(campaign); i += 1) {
      const { post, tags } = comparatorPost(campaign, i);
      expect(post.createdAt).toBeGreaterThanOrEqual(campaign.start);
      expect(post.createdAt).toBeLessThan(campaign.end);
      expect(tags.every((tag) => (BENCH_COMPARATORS as readonly string[]).includes(tag))).toBe(true);
      if (tags.length === 2) both += 1;
      if (i % 97 === 0) expect(comparatorPost(again, i)).toEqual({ post, tags });
    }
    expect(both).toBe(Math.ceil(comparatorPostCount(campaign) / 5));
  });

  test('a third of comparator posts come from campaign accounts, so some people speak on both sides', () => {
    const campaignAccounts = new Set(Array.from({ length: campaign.options.posts }, (_, i) => campaign.post(i).normalized.author.networkId));
    const fromCampaign = Array.from({ length: 300 }, (_, i) => comparatorPost(campaign, i).post).filter((post) => campaignAccounts.has(post.author.networkId));
    expect(fromCampaign.length).toBe(100);
  });

  describe('stored beside a populated campaign', () => {
    let db: Db;
    let request: (path: string) => Promise<any>;

    beforeAll(() => {
      db = openDatabase(':memory:');
      populateCampaign(db, campaign);
      ensureComparatorPosts(db, campaign);
      const { app } = testDashboard({
        db,
        hashtags: [...campaign.hashtags],
        timeZone: 'UTC',
        log: captureLogger('warn').log,
        now: () => NOW,
        intelligence: { compareHashtags: [...BENCH_COMPARATORS], accountMap: null },
      });
      request = jsonAsker(app);
    }, 60_000);

    afterAll(() => db.close());

    test('they are stored once: a second ensure on the same database adds none', () => {
      expect(countComparatorPosts(db)).toBe(comparatorPostCount(campaign));
      expect(ensureComparatorPosts(db, campaign)).toBe(0);
      expect(countComparatorPosts(db)).toBe(comparatorPostCount(campaign));
    });

    test('share of voice counts each comparator tag\'s posts as generated', async () => {
      const from = new Date(campaign.start - DAY_MS).toISOString().slice(0, 10);
      const to = new Date(campaign.end + DAY_MS).toISOString().slice(0, 10);
      const answer = await request(`/api/share-of-voice?interval=day&from=${from}&to=${to}`);
      for (const tag of BENCH_COMPARATORS) {
        const generated = Array.from({ length: comparatorPostCount(campaign) }, (_, i) => comparatorPost(campaign, i)).filter((entry) => entry.tags.includes(tag));
        const voice = answer.voices.find((entry: { tag: string }) => entry.tag === tag);
        const counted = voice.points.reduce((sum: number, point: { figures: { comparator: { posts: number } } | null }) => sum + (point.figures?.comparator.posts ?? 0), 0);
        expect(counted).toBe(generated.length);
      }
    });
  });
});
