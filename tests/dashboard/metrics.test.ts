// The metric definitions: per-network engagements, impressions, potential reach, engagement rate,
// and the SQL expression agreeing with the JavaScript one on real rows.
import Database from 'better-sqlite3';
import { describe, expect, test } from 'vitest';
import {
  engagementRate,
  engagementsOf,
  engagementsSql,
  impressionsCoverage,
  impressionsOf,
  impressionsSql,
  kpisFromTotals,
  potentialReach,
  type CountTotals,
} from '../../core/metrics.js';
import type { MetricReading, Network } from '../../core/types.js';

const reading: MetricReading = { likes: 10, reposts: 4, replies: 3, quotes: 2, bookmarks: 7, impressions: 900 };

function totals(values: Partial<CountTotals>): CountTotals {
  return { posts: 1, likes: 0, reposts: 0, replies: 0, quotes: 0, bookmarks: 0, impressions: 0, ...values };
}

describe('metrics', () => {
  test('X engagements add likes, reposts, replies, quotes and bookmarks', () => {
    expect(engagementsOf('x', reading)).toBe(10 + 4 + 3 + 2 + 7);
  });

  test('Bluesky engagements leave bookmarks out', () => {
    expect(engagementsOf('bluesky', reading)).toBe(10 + 4 + 3 + 2);
  });

  test('Mastodon engagements are favourites, boosts and replies only', () => {
    expect(engagementsOf('mastodon', reading)).toBe(10 + 4 + 3);
  });

  test('a count the network did not report adds nothing', () => {
    expect(engagementsOf('x', { ...reading, bookmarks: null, quotes: null })).toBe(10 + 4 + 3);
  });

  test('impressions exist only for X, and stay null when X did not report them', () => {
    expect(impressionsOf('x', reading)).toBe(900);
    expect(impressionsOf('x', { impressions: null })).toBeNull();
    expect(impressionsOf('bluesky', reading)).toBeNull();
    expect(impressionsOf('mastodon', reading)).toBeNull();
  });

  test('the SQL expressions give the same numbers as the JavaScript definitions', () => {
    const db = new Database(':memory:');
    db.exec('CREATE TABLE t (network TEXT, likes INTEGER, reposts INTEGER, replies INTEGER, quotes INTEGER, bookmarks INTEGER, impressions INTEGER)');
    const rows: Array<[Network, MetricReading]> = [
      ['x', reading],
      ['x', { ...reading, bookmarks: null, impressions: null }],
      ['bluesky', reading],
      ['mastodon', { ...reading, quotes: 50 }],
    ];
    const insert = db.prepare('INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (const [network, r] of rows) insert.run(network, r.likes, r.reposts, r.replies, r.quotes, r.bookmarks, r.impressions);
    const fromSql = db.prepare(`SELECT ${engagementsSql('t')} AS e, ${impressionsSql('t')} AS i FROM t ORDER BY rowid`).all() as Array<{ e: number; i: number | null }>;
    expect(fromSql).toEqual(rows.map(([network, r]) => ({ e: engagementsOf(network, r), i: impressionsOf(network, r) })));
  });

  test('impressions coverage says whether every, some or no network in scope reports them', () => {
    expect(impressionsCoverage(['x'])).toBe('all');
    expect(impressionsCoverage(['x', 'mastodon'])).toBe('partial');
    expect(impressionsCoverage(['bluesky', 'mastodon'])).toBe('none');
  });

  test('potential reach counts each contributor once and an unknown follower count as 0', () => {
    expect(potentialReach([120, null, 30])).toBe(150);
  });

  test('engagement rate is unknown, not zero, without impressions', () => {
    expect(engagementRate(12, 400)).toBe(0.03);
    expect(engagementRate(12, 0)).toBeNull();
    expect(engagementRate(12, null)).toBeNull();
  });

  test('KPIs take the engagement rate over posts with impressions only, as a ratio of totals', () => {
    const kpis = kpisFromTotals(
      {
        groups: [
          { network: 'x', kind: 'original', withImpressions: true, totals: totals({ posts: 2, likes: 30, impressions: 1000 }) },
          { network: 'x', kind: 'reply', withImpressions: false, totals: totals({ posts: 1, likes: 500 }) },
          { network: 'mastodon', kind: 'original', withImpressions: false, totals: totals({ posts: 4, likes: 70, quotes: 9 }) },
        ],
        contributors: 5,
        potentialReach: 4200,
      },
      ['x', 'mastodon'],
    );
    expect(kpis.posts).toEqual({ total: 7, original: 6, reply: 1, quote: 0, repost: 0 });
    expect(kpis.engagements).toBe(30 + 500 + 70);
    expect(kpis.impressions).toBe(1000);
    expect(kpis.impressionsCoverage).toBe('partial');
    expect(kpis.engagementRate).toBeCloseTo(30 / 1000);
    expect(kpis.potentialReach).toBe(4200);
  });

  test('KPIs for networks without impressions say null, never 0', () => {
    const kpis = kpisFromTotals({ groups: [{ network: 'bluesky', kind: 'original', withImpressions: false, totals: totals({ likes: 3 }) }], contributors: 1, potentialReach: 10 }, ['bluesky']);
    expect(kpis.impressions).toBeNull();
    expect(kpis.engagementRate).toBeNull();
    expect(kpis.impressionsCoverage).toBe('none');
  });
});
