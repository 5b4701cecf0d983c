// The stored side of adoption tracking: attribution works through the posts in batches without
// skipping or repeating any (and resumes after a stop), and the summary's edit figures and reach
// follow their definitions.
import { beforeEach, describe, expect, test } from 'vitest';
import { openDatabase, type Db } from '../../db/connection.js';
import { purgeRemovedPost, storeCollectedPost, upsertAuthor } from '../../db/posts.js';
import { getAttributionWatermark, getShareableAdoption, saveAttributions } from '../../db/shareable-adoption.js';
import { attributeCollectedPosts } from '../../shareables/attribute-collected-posts.js';
import type { CollectedPostText } from '../../shareables/attribution.js';
import type { NormalizedPost } from '../../core/types.js';
import { makePost } from '../helpers/posts.js';

const NOW = Date.parse('2026-11-20T12:00:00Z');
let db: Db;

function store(post: NormalizedPost): number {
  const authorId = upsertAuthor(db, post.network, post.author, NOW);
  storeCollectedPost(db, { post, authorId, matchedHashtags: ['jobquality'], now: NOW, nextRefreshAt: null });
  return db.prepare('SELECT id FROM posts WHERE network = ? AND network_id = ?').pluck().get(post.network, post.networkId) as number;
}

/** A stand-in matcher: posts whose text names "use:<id>" used shareable <id>; it records what it saw. */
function recordingMatcher() {
  const seen: string[] = [];
  const attribute = (post: CollectedPostText) => {
    seen.push(post.text);
    const match = /use:(\S+)/.exec(post.text);
    return match ? { shareableId: match[1]!, method: 'text' as const, score: 0.9, edited: 0.1, closestNetwork: post.network } : null;
  };
  return { seen, attribute };
}

beforeEach(() => {
  db = openDatabase(':memory:');
});

describe('attributing stored posts', () => {
  test('works through every post in batches, once each, passing over removed posts and reposts', async () => {
    const ids = ['1', '2', '3', '4', '5', '6', '7'].map((n) => store(makePost(n, { text: n === '3' || n === '6' ? `Post ${n} use:s${n}` : `Post ${n}`, kind: n === '5' ? 'repost' : 'original' })));
    purgeRemovedPost(db, ids[1]!, 'deleted', NOW);
    const matcher = recordingMatcher();

    const outcome = await attributeCollectedPosts(db, matcher.attribute, { batchSize: 2, now: () => NOW });
    expect(outcome).toEqual({ examined: 5, attributed: 2 });
    expect(matcher.seen).toEqual(['Post 1', 'Post 3 use:s3', 'Post 4', 'Post 6 use:s6', 'Post 7']);
    expect(getAttributionWatermark(db)).toBe(Math.max(...ids));
    expect(await attributeCollectedPosts(db, matcher.attribute, { batchSize: 2 })).toEqual({ examined: 0, attributed: 0 });
  });

  test('a stop between batches keeps what was stored, and the next run carries on where it stopped', async () => {
    for (const n of ['1', '2', '3', '4', '5']) store(makePost(n, { text: `Post ${n} use:s${n}` }));
    const controller = new AbortController();
    const matcher = recordingMatcher();
    const stopping = (post: CollectedPostText) => {
      const result = matcher.attribute(post);
      if (matcher.seen.length === 2) controller.abort();
      return result;
    };
    expect(await attributeCollectedPosts(db, stopping, { batchSize: 2, signal: controller.signal })).toEqual({ examined: 2, attributed: 2 });
    expect(await attributeCollectedPosts(db, matcher.attribute, { batchSize: 2 })).toEqual({ examined: 3, attributed: 3 });
    expect(matcher.seen).toEqual(['Post 1 use:s1', 'Post 2 use:s2', 'Post 3 use:s3', 'Post 4 use:s4', 'Post 5 use:s5']);
  });
});

describe('adoption summary', () => {
  test('reports the mean and the median edit, and counts each account\'s followers once in the reach', () => {
    const author = { networkId: 'a1', username: 'ann', displayName: null, followers: 300, verified: null };
    const postIds = [
      store(makePost('1', { author })),
      store(makePost('2', { author })),
      store(makePost('3', { author: { ...author, networkId: 'b2', username: 'bo', followers: 40 } })),
    ];
    const edits = [0, 0, 0.6];
    saveAttributions(
      db,
      postIds.map((postId, index) => ({ postId, shareableId: 'bakery.spotlight', method: 'text' as const, score: 0.8, edited: edits[index]!, closestNetwork: 'x' })),
      Math.max(...postIds),
      NOW,
    );
    const [row] = getShareableAdoption(db, {
      window: { start: NOW - 86_400_000 * 30, end: NOW + 86_400_000 * 30 },
      scope: { networks: ['x', 'bluesky', 'mastodon'], hashtag: null },
      clickDays: { from: '2026-11-01', to: '2026-11-30' },
      clickNetworks: [],
    });
    expect(row).toMatchObject({ shareableId: 'bakery.spotlight', posts: 3, contributors: 2, potentialReach: 300 + 40 });
    expect(row!.edited!.median).toBe(0);
    expect(row!.edited!.mean).toBeCloseTo(0.6 / 3, 12);
  });
});
