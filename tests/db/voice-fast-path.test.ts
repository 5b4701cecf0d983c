// Share of voice and amplifiers answer the same, byte for byte, from the in-memory post index as from
// SQL alone: over ranges of 1 to 14 days, per day and per week, with network and hashtag filters,
// every amplifier order and several page sizes, JSON and CSV; and still after another connection
// commits new campaign posts (one by a new account that also posts for the comparator, one by a
// comparator-only account), comparator
// posts by campaign accounts and by new ones, a refreshed comparator reading, a re-collected comparator
// post whose tags changed, a deleted comparator post and a purge; and when a deleted comparator
// post's id is given to a new one.
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { describe, expect, test } from 'vitest';
import { AMPLIFIER_ORDERS } from '../../core/amplifiers.js';
import type { Network } from '../../core/types.js';
import { comparatorIndexOf, setComparatorIndexEnabled } from '../../db/comparator-index.js';
import { deleteComparatorPost, noteComparatorCollected, storeComparatorPost, storeComparatorReading } from '../../db/comparator-posts.js';
import { openDatabase, type Db } from '../../db/connection.js';
import { postIndexOf } from '../../db/post-index.js';
import { purgeRemovedPost, selectAllLivePosts, storeCollectedPost, upsertAuthor } from '../../db/posts.js';
import { saveAttributions } from '../../db/shareable-adoption.js';
import { makePost, reading } from '../helpers/posts.js';
import { seedDatabase, SEED_HASHTAGS, SEED_TIME_ZONE, type SeededAuthor } from '../helpers/seed-database.js';
import { tempFolderPerTest } from '../helpers/temp-folder.js';
import { expectIndexEqualsSql as expectIndexEqualsSqlOf } from '../helpers/index-equals-sql.js';
import { testDashboard } from '../helpers/test-dashboard.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NETWORKS: Network[] = ['x', 'bluesky', 'mastodon'];
// A co-tag of the seeded campaign (so campaign posts overlap it) and one no campaign post carries.
const COMPARATORS = ['livingwage', 'fairpay'];

const folder = tempFolderPerTest('jq-voice-fast-path-');

/** Comparator posts over the seeded fortnight: every third by an account that also posts for the campaign. */
function storeComparatorPosts(db: Db, authors: readonly SeededAuthor[], now: number, serial: number, count: number): void {
  db.transaction(() => {
    for (let i = 0; i < count; i += 1) {
      const n = serial + i;
      const campaignAuthor = n % 3 === 0 ? authors[n % authors.length]! : null;
      const network = campaignAuthor?.network ?? NETWORKS[n % NETWORKS.length]!;
      const author = campaignAuthor
        ? { networkId: campaignAuthor.networkId, username: campaignAuthor.username, displayName: campaignAuthor.displayName, followers: campaignAuthor.followers, verified: false }
        : { networkId: `rival-${n % 17}`, username: `rival${n % 17}`, displayName: null, followers: 50 + n, verified: false };
      const post = makePost(`cmp-${n}`, { network, createdAt: now - ((n * 7919) % (13 * DAY)) - HOUR, author, metrics: reading({ likes: n % 11, reposts: n % 3 }) });
      storeComparatorPost(db, { post, tags: n % 4 === 0 ? COMPARATORS : [COMPARATORS[n % 2]!], now, nextRefreshAt: now + DAY });
    }
  })();
}

function seeded(): { file: string; db: Db; now: number; authors: SeededAuthor[] } {
  const file = join(folder(), 'campaign.db');
  const { db, now, authors } = seedDatabase({ file });
  for (const network of NETWORKS) for (const tag of COMPARATORS) noteComparatorCollected(db, network, tag, now - 12 * DAY);
  storeComparatorPosts(db, authors, now, 0, 120);
  // Every fifth post used a ready-made post (the mastodon purge below may take one of them away).
  const used = NETWORKS.flatMap((network) => selectAllLivePosts(db, network).map((post) => ({ ...post, network }))).filter((_, i) => i % 5 === 0);
  saveAttributions(db, used.map((post) => ({ postId: post.postId, shareableId: 'fair-pay', method: 'link' as const, score: 1, edited: 0, closestNetwork: post.network })), Math.max(...used.map((post) => post.postId)), now);
  return { file, db, now, authors };
}

function paths(now: number): string[] {
  const today = DateTime.fromMillis(now, { zone: SEED_TIME_ZONE }).startOf('day');
  const range = (days: number) => `from=${today.minus({ days: days - 1 }).toISODate()}&to=${today.toISODate()}`;
  const filters = ['', '&network=mastodon', '&network=x,bluesky', `&hashtag=${SEED_HASHTAGS[1]}`];
  const list: string[] = [];
  for (const days of [1, 7, 14]) {
    for (const filter of filters) {
      for (const interval of ['day', 'week']) list.push(`/api/share-of-voice?interval=${interval}&${range(days)}${filter}`);
      for (const by of AMPLIFIER_ORDERS) for (const limit of [1, 3, 100]) list.push(`/api/amplifiers?by=${by}&limit=${limit}&${range(days)}${filter}`);
    }
    list.push(`/api/share-of-voice.csv?${range(days)}`, `/api/amplifiers.csv?by=posts&${range(days)}`);
  }
  return list;
}

async function answers(db: Db, now: number): Promise<Map<string, string>> {
  const { app } = testDashboard({ db, hashtags: [...SEED_HASHTAGS], timeZone: SEED_TIME_ZONE, now: () => now, cacheAnswers: false, intelligence: { compareHashtags: COMPARATORS, accountMap: null } });
  const bodies = new Map<string, string>();
  for (const path of paths(now)) {
    const response = await app.fetch(new Request(`http://127.0.0.1${path}`));
    expect(response.status, path).toBe(200);
    bodies.set(path, await response.text());
  }
  return bodies;
}

/** Every answer with the index equals SQL alone's; the indexed answers. */
function expectIndexEqualsSql(db: Db, now: number): Promise<Map<string, string>> {
  return expectIndexEqualsSqlOf(db, () => answers(db, now));
}

/** Commits, on `collector`, a collection that touches both sides of the conversation. */
function commitBothSides(collector: Db, authors: readonly SeededAuthor[], now: number): void {
  collector.transaction(() => {
    const newcomer = { networkId: 'newcomer', username: 'newcomer', displayName: 'New', followers: 7_000, verified: false };
    const fresh = makePost('fresh-1', { network: 'bluesky', createdAt: now - 2 * HOUR, hashtags: ['jobquality', 'livingwage'], author: newcomer, metrics: reading({ likes: 90 }) });
    storeCollectedPost(collector, { post: fresh, authorId: upsertAuthor(collector, 'bluesky', fresh.author, now), matchedHashtags: ['jobquality'], now, nextRefreshAt: null });
    // A comparator-only account (rival-1 on Bluesky, coded apart in the first answers) now posts for the campaign: one person on both sides.
    const convert = makePost('convert-1', { network: 'bluesky', createdAt: now - 5 * HOUR, hashtags: ['jobquality'], author: { networkId: 'rival-1', username: 'rival1', displayName: null, followers: 51, verified: false }, metrics: reading({ likes: 2 }) });
    storeCollectedPost(collector, { post: convert, authorId: upsertAuthor(collector, 'bluesky', convert.author, now), matchedHashtags: ['jobquality'], now, nextRefreshAt: null });
    const late = makePost('late-1', { network: 'x', createdAt: now - 4 * DAY, hashtags: ['fairwork'], author: { ...authors[0]!, verified: false }, metrics: reading({ likes: 3 }) });
    storeCollectedPost(collector, { post: late, authorId: upsertAuthor(collector, authors[0]!.network, late.author, now), matchedHashtags: ['fairwork'], now, nextRefreshAt: null });
    storeComparatorPost(collector, { post: makePost('cmp-newcomer', { network: 'bluesky', createdAt: now - 3 * HOUR, author: newcomer, metrics: reading({ likes: 4 }) }), tags: ['fairpay'], now, nextRefreshAt: null });
    const [purged] = selectAllLivePosts(collector, 'mastodon');
    purgeRemovedPost(collector, purged!.postId, 'deleted', now);
    storeComparatorReading(collector, 1, reading({ likes: 500, reposts: 20 }), now, null);
    deleteComparatorPost(collector, 2);
    // cmp-3 (by a campaign account) re-collected: it now carries both comparators.
    const held = collector.prepare(`SELECT network, created_at AS createdAt, author_network_id AS networkId, author_username AS username, tags FROM comparator_posts WHERE network_id = 'cmp-3'`).get() as { network: Network; createdAt: number; networkId: string; username: string; tags: string };
    expect(JSON.parse(held.tags)).not.toEqual(COMPARATORS);
    const author = { networkId: held.networkId, username: held.username, displayName: null, followers: 1, verified: false };
    storeComparatorPost(collector, { post: makePost('cmp-3', { network: held.network, createdAt: held.createdAt, author, metrics: reading({ likes: 40 }) }), tags: COMPARATORS, now, nextRefreshAt: null });
  })();
  storeComparatorPosts(collector, authors, now, 120, 30);
}

describe('share of voice and amplifiers from the post index', () => {
  test('comparator accounts are matched to campaign accounts when the indexes catch up, so no answer looks one up', async () => {
    const { file, db, now, authors } = seeded();
    await answers(db, now);
    const comparators = comparatorIndexOf(db)!;
    expect(comparators.stats.lookupsWhileAnswering).toBe(0);
    // A newcomer on both sides, and a comparator-only account that starts posting for the campaign.
    const collector = openDatabase(file);
    commitBothSides(collector, authors, now);
    collector.close();
    const after = await expectIndexEqualsSql(db, now);
    expect([...after.values()].some((body) => body.includes('newcomer'))).toBe(true);
    expect(comparators.stats.lookupsWhileAnswering).toBe(0);
    db.close();
  }, 120_000);

  test('answer byte for byte as SQL alone, before and after another connection commits to both sides', async () => {
    const { file, db, now, authors } = seeded();
    const before = await expectIndexEqualsSql(db, now);
    // The comparison covers a real conversation: comparator posts and people on both sides.
    const week = [...before.entries()].find(([path]) => path.startsWith('/api/share-of-voice?interval=week') && path.includes('&to=') && !path.includes('network') && !path.includes('hashtag'))!;
    expect(week[1]).toMatch(/"comparator":\{"posts":[1-9]/);
    const index = postIndexOf(db)!;
    const loads = index.stats.loads;
    // The comparator side came from memory, read once.
    const comparators = comparatorIndexOf(db)!;
    expect(comparators.stats.loads).toBe(1);
    const collector = openDatabase(file);
    commitBothSides(collector, authors, now);
    collector.close();
    const after = await expectIndexEqualsSql(db, now);
    expect(index.stats.loads).toBe(loads);
    expect(comparators.stats).toMatchObject({ loads: 1, catchUps: 1 });
    const changed = [...after].filter(([path, body]) => before.get(path) !== body).map(([path]) => path);
    expect(changed.some((path) => path.startsWith('/api/share-of-voice'))).toBe(true);
    expect(changed.some((path) => path.startsWith('/api/amplifiers'))).toBe(true);
    expect([...after.values()].some((body) => body.includes('newcomer'))).toBe(true);
    db.close();
  }, 120_000);

  test('answer the same with the comparator side read from SQL beside the post index (a database before migration 018)', async () => {
    const { db, now } = seeded();
    const indexed = await expectIndexEqualsSql(db, now);
    setComparatorIndexEnabled(db, false);
    try {
      const fromSql = await answers(db, now);
      for (const [path, body] of fromSql) expect(indexed.get(path), path).toBe(body);
    } finally {
      setComparatorIndexEnabled(db, true);
    }
    db.close();
  }, 120_000);

  test('answer as SQL alone when a deleted comparator post\'s id is given to a newer post', async () => {
    const { file, db, now, authors } = seeded();
    await expectIndexEqualsSql(db, now);
    const collector = openDatabase(file);
    const newest = collector.prepare('SELECT MAX(id) AS id FROM comparator_posts').get() as { id: number };
    deleteComparatorPost(collector, newest.id);
    storeComparatorPosts(collector, authors, now, 500, 1);
    expect(collector.prepare('SELECT MAX(id) AS id FROM comparator_posts').get()).toEqual(newest);
    collector.close();
    await expectIndexEqualsSql(db, now);
    // The newer post moved in creation order: the comparator index read everything again.
    expect(comparatorIndexOf(db)!.stats.loads).toBe(2);
    db.close();
  }, 120_000);
});
