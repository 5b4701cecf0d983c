// The shared seeding helper: deterministic, and it holds every case the dashboard, report and
// browser tests rely on.
import { describe, expect, test } from 'vitest';
import { collectedNetworkIds } from '../../core/networks.js';
import { seedDatabase, XSS_TEXT } from '../helpers/seed-database.js';

describe('seed-database', () => {
  test('the same options give the same campaign', () => {
    const first = seedDatabase();
    const second = seedDatabase();
    expect(second.posts).toEqual(first.posts);
    expect(second.runs).toEqual(first.runs);
    expect(second.db.prepare('SELECT COUNT(*) AS n FROM metric_snapshots').get()).toEqual(first.db.prepare('SELECT COUNT(*) AS n FROM metric_snapshots').get());
  });

  test('holds every network, every kind, growth, a removed post, a failed run and the injection text', () => {
    const seed = seedDatabase({ now: Date.parse('2027-03-10T12:34:00Z') });
    expect(new Set(seed.posts.map((post) => post.network))).toEqual(new Set(collectedNetworkIds()));
    expect(new Set(seed.posts.map((post) => post.kind))).toEqual(new Set(['original', 'reply', 'quote', 'repost']));
    expect(seed.posts.some((post) => post.readings.length >= 3 && post.readings.at(-1)!.metrics.likes! > post.readings[0]!.metrics.likes!)).toBe(true);
    expect(seed.posts.filter((post) => post.removedAt !== null)).toHaveLength(1);
    expect(seed.runs.some((run) => run.status === 'failed')).toBe(true);
    const xss = seed.posts.find((post) => post.text.includes(XSS_TEXT))!;
    // Recent enough for the dashboard's default seven-day view.
    expect(seed.now - xss.createdAt).toBeLessThan(2 * 86_400_000);
    expect(seed.posts.every((post) => post.createdAt <= seed.now)).toBe(true);
  });
});
