// Amplifiers on a planted campaign with a known answer: reach is each account's followers when its
// posts were stored (not its count today), engagements and ready-made posts come from its posts, first
// seen is its first tracked post ever, and a person's two mapped accounts are ranked once.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { parseAccountMap, NO_ACCOUNT_MAP } from '../../core/amplifier-accounts.js';
import { rankAmplifiers } from '../../core/amplifiers.js';
import type { NormalizedPost } from '../../core/types.js';
import { getAccountActivity } from '../../db/amplifiers.js';
import { openDatabase, type Db } from '../../db/connection.js';
import { upsertAuthor } from '../../db/posts.js';
import { saveAttributions } from '../../db/shareable-adoption.js';
import { makePost, reading } from '../helpers/posts.js';
import { storePost } from '../helpers/store-post.js';

const DAY = 86_400_000;
const T = Date.parse('2026-11-20T12:00:00Z');
const WINDOW = { start: T - 7 * DAY, end: T + DAY };
const SCOPE = { networks: ['x', 'bluesky', 'mastodon'], hashtag: null };
let db: Db;

function store(id: string, options: { network?: string; username: string; followers: number; at: number; likes?: number; kind?: NormalizedPost['kind'] }): number {
  const post = makePost(id, {
    network: options.network ?? 'x',
    createdAt: options.at,
    kind: options.kind ?? 'original',
    author: { networkId: `id-${options.username}`, username: options.username, displayName: options.username, followers: options.followers, verified: false },
    metrics: options.kind === 'repost' ? { likes: null, reposts: null, replies: null, quotes: null, bookmarks: null, impressions: null } : reading({ likes: options.likes ?? 0 }),
  });
  return storePost(db, post, { now: options.at });
}

beforeEach(() => {
  db = openDatabase(':memory:');
  store('ana-first', { username: 'AnaRuiz', followers: 400, at: T - 30 * DAY, likes: 1 });
  store('ana-1', { username: 'AnaRuiz', followers: 1000, at: T - 2 * DAY, likes: 10 });
  store('ana-2', { username: 'AnaRuiz', followers: 1200, at: T - DAY, likes: 20 });
  store('ana-boost', { network: 'mastodon', username: 'ana@social.example', followers: 300, at: T - DAY, kind: 'repost' });
  const bo = store('bo-1', { username: 'BoVoice', followers: 1400, at: T, likes: 50 });
  saveAttributions(db, [{ postId: bo, shareableId: 'fair-pay', method: 'link', score: 1, edited: 0, closestNetwork: 'x' }], bo, T);
  // Ana's audience grew after the window: the ranking keeps the audience her posts reached.
  upsertAuthor(db, 'x', { networkId: 'id-AnaRuiz', username: 'AnaRuiz', displayName: 'Ana', followers: 9000, verified: false }, T + 2 * DAY);
});

afterEach(() => db.close());

describe('amplifiers', () => {
  test('each account gives its followers at its posts, engagements, ready-made posts and first post ever', () => {
    const activity = getAccountActivity(db, WINDOW, SCOPE).sort((a, b) => a.username.localeCompare(b.username));
    expect(activity).toEqual([
      { network: 'mastodon', accountId: 'id-ana@social.example', username: 'ana@social.example', displayName: 'ana@social.example', posts: 0, reposts: 1, reach: 300, engagements: 0, readyMadePosts: 0, firstSeenAt: T - DAY },
      { network: 'x', accountId: 'id-AnaRuiz', username: 'AnaRuiz', displayName: 'Ana', posts: 2, reposts: 0, reach: 1200, engagements: 30, readyMadePosts: 0, firstSeenAt: T - 30 * DAY },
      { network: 'x', accountId: 'id-BoVoice', username: 'BoVoice', displayName: 'BoVoice', posts: 1, reposts: 0, reach: 1400, engagements: 50, readyMadePosts: 1, firstSeenAt: T },
    ]);
  });

  test('a person with two mapped accounts is ranked once, above an account that alone reaches more than either', () => {
    const map = parseAccountMap('people:\n  - name: Ana Ruiz\n    x: anaruiz\n    mastodon: ana@social.example\n', 'people.yaml');
    const ranked = rankAmplifiers(getAccountActivity(db, WINDOW, SCOPE), map, 'reach', 10);
    expect(ranked.map((entry) => [entry.person ?? entry.accounts[0]!.username, entry.reach, entry.posts, entry.reposts])).toEqual([
      ['Ana Ruiz', 1500, 2, 1],
      ['BoVoice', 1400, 1, 0],
    ]);
    const alone = rankAmplifiers(getAccountActivity(db, WINDOW, SCOPE), NO_ACCOUNT_MAP, 'reach', 10);
    expect(alone.map((entry) => entry.accounts[0]!.username)).toEqual(['BoVoice', 'AnaRuiz', 'ana@social.example']);
  });

  test('a removed post no longer counts for its account', () => {
    db.prepare("UPDATE posts SET removed_at = ? WHERE network_id = 'bo-1'").run(T + DAY);
    expect(getAccountActivity(db, WINDOW, SCOPE).map((row) => row.username).sort()).toEqual(['AnaRuiz', 'ana@social.example']);
  });
});
