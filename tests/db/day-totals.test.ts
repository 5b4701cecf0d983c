// The post index's per-local-day totals (db/day-totals.ts) stay exact while collections change the
// data under them: new and late posts, refreshed counts, re-collected posts with other tags, purges
// and changed follower counts are applied as they come, with no rebuild, and every answer equals the
// one read post by post.
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { bucketsFor } from '../../dashboard/server/time-range.js';
import { getContributorsByWindow, getKpis, getPostGroupsByWindow, type AnalyticsScope, type TimeWindow } from '../../db/analytics.js';
import { getPostsSeries } from '../../db/analytics-series.js';
import { openDatabase, type Db } from '../../db/connection.js';
import { postIndexOf, setPostIndexTimeZone } from '../../db/post-index.js';
import { purgeRemovedPost, selectAllLivePosts, storeRefreshedReading } from '../../db/posts.js';
import { mulberry32 } from '../../core/mulberry32.js';
import { makePost, reading } from '../helpers/posts.js';
import { storePost } from '../helpers/store-post.js';
import { tempFolderPerTest } from '../helpers/temp-folder.js';
import { seedDatabase, SEED_TIME_ZONE, type SeededAuthor } from '../helpers/seed-database.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const SCOPES: readonly AnalyticsScope[] = [
  { networks: ['x', 'bluesky', 'mastodon'], hashtag: null },
  { networks: ['x', 'bluesky'], hashtag: 'jobquality' },
  { networks: ['mastodon'], hashtag: 'fairwork' },
];

const folder = tempFolderPerTest('jq-day-totals-');

/** Every answer the day totals serve, over whole local days, days with partial ends and daily buckets. */
function answers(db: Db, now: number) {
  const ranges: TimeWindow[] = [
    { start: now - 16 * DAY, end: now + 2 * DAY },
    { start: now - 6 * DAY - 5 * HOUR, end: now - 2 * DAY + 7 * HOUR },
    { start: Date.parse('2026-10-31T04:00:00Z'), end: Date.parse('2026-11-03T05:00:00Z') },
  ];
  return SCOPES.flatMap((scope) =>
    ranges.map((range) => ({
      kpis: getKpis(db, range, scope),
      daily: getContributorsByWindow(db, bucketsFor(range, 'day', SEED_TIME_ZONE), scope),
      postsPerDay: getPostsSeries(db, bucketsFor(range, 'day', SEED_TIME_ZONE), scope),
      groups: getPostGroupsByWindow(db, bucketsFor(range, 'week', SEED_TIME_ZONE), scope),
    })),
  );
}

describe('per-local-day totals of the post index', () => {
  test('stay exact, without a rebuild, through a hundred rounds of new, late, refreshed, retagged and purged posts and follower changes', () => {
    const file = join(folder(), 'campaign.db');
    const seed = seedDatabase({ file });
    const writer = seed.db;
    const { now } = seed;
    const withDays = openDatabase(file);
    setPostIndexTimeZone(withDays, SEED_TIME_ZONE);
    const postByPost = openDatabase(file);
    const random = mulberry32(11);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const authorOf = (author: SeededAuthor, followers: number) => ({ networkId: author.networkId, username: author.username, displayName: author.displayName, followers, verified: false });

    expect(answers(withDays, now)).toEqual(answers(postByPost, now));
    const index = postIndexOf(withDays)!;
    expect(index.dayTotalsStats()?.rebuilds).toBe(1);

    let made = 0;
    for (let round = 0; round < 100; round += 1) {
      const author = pick(seed.authors);
      const live = selectAllLivePosts(writer, author.network);
      const action = Math.floor(random() * 5);
      if (action === 0) {
        // A new post, now or late (days back, within the seed's days), sometimes on a day no post had yet, with a new follower count.
        const createdAt = now - Math.floor(random() * 13 * DAY) + (random() < 0.1 ? DAY : 0);
        const tags = pick([['jobquality'], ['fairwork'], ['jobquality', 'fairwork']]);
        storePost(writer, makePost(`late-${(made += 1)}`, { network: author.network, createdAt, author: authorOf(author, Math.floor(random() * 10_000)), hashtags: tags }), { now, matchedHashtags: tags });
      } else if (action === 1 && live.length > 0) {
        storeRefreshedReading(writer, pick(live).postId, reading({ likes: Math.floor(random() * 500), reposts: Math.floor(random() * 50) }), now, null);
      } else if (action === 2 && live.length > 0) {
        purgeRemovedPost(writer, pick(live).postId, 'deleted', now);
      } else if (action === 3 && live.length > 0) {
        // Re-collected with other tracked tags (an edit), by the same account.
        const post = pick(live);
        const row = writer.prepare('SELECT p.network_id AS networkId, a.network_id AS authorId FROM posts p JOIN authors a ON a.id = p.author_id WHERE p.id = ?').get(post.postId) as { networkId: string; authorId: string };
        const owner = seed.authors.find((a) => a.network === author.network && a.networkId === row.authorId)!;
        const tags = pick([['jobquality'], ['fairwork']]);
        storePost(writer, makePost(row.networkId, { network: author.network, createdAt: post.createdAt, author: authorOf(owner, owner.followers), hashtags: tags }), { now, matchedHashtags: tags });
      } else {
        // The account seen again with another follower count (its later posts bring it).
        writer.prepare('UPDATE authors SET followers = ? WHERE network = ? AND network_id = ?').run(Math.floor(random() * 50_000), author.network, author.networkId);
      }
      expect(answers(withDays, now), `round ${round}`).toEqual(answers(postByPost, now));
    }
    expect(index.dayTotalsStats()?.rebuilds).toBe(1);

    // A post older than every held one moves day 0: the totals are rebuilt, and stay exact.
    const first = seed.authors[0]!;
    storePost(writer, makePost('oldest', { network: first.network, createdAt: now - 30 * DAY, author: authorOf(first, 12) }), { now });
    expect(answers(withDays, now)).toEqual(answers(postByPost, now));
    expect(index.dayTotalsStats()?.rebuilds).toBe(2);

    // A tracked tag no post had, met while catching up on a re-collected post: a rebuild, still exact.
    const edited = selectAllLivePosts(writer, first.network)[0]!;
    const editedId = (writer.prepare('SELECT network_id AS id FROM posts WHERE id = ?').get(edited.postId) as { id: string }).id;
    const owner = writer.prepare('SELECT a.network_id AS id, a.username FROM posts p JOIN authors a ON a.id = p.author_id WHERE p.id = ?').get(edited.postId) as { id: string; username: string };
    storePost(writer, makePost(editedId, { network: first.network, createdAt: edited.createdAt, author: { networkId: owner.id, username: owner.username, displayName: null, followers: 40, verified: false }, hashtags: ['goodjobs'] }), { now, matchedHashtags: ['goodjobs'] });
    const goodjobs = { networks: ['x', 'bluesky', 'mastodon'] as const, hashtag: 'goodjobs' };
    const range = { start: now - 16 * DAY, end: now + DAY };
    expect(getKpis(withDays, range, { ...goodjobs, networks: [...goodjobs.networks] })).toEqual(getKpis(postByPost, range, { ...goodjobs, networks: [...goodjobs.networks] }));
    expect(answers(withDays, now)).toEqual(answers(postByPost, now));
    expect(index.dayTotalsStats()?.rebuilds).toBe(3);
    withDays.close();
    postByPost.close();
    writer.close();
  });

  test('a connection without a time zone keeps no day totals', () => {
    const seed = seedDatabase();
    getKpis(seed.db, { start: seed.now - 7 * DAY, end: seed.now }, SCOPES[0]!);
    expect(postIndexOf(seed.db)!.dayTotalsStats()).toBeNull();
  });
});
