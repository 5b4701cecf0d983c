// Comparator-only posts for the benchmark's share of voice and amplifier answers: posts of two
// comparator hashtags (COMPARE_HASHTAGS) beside the synthetic campaign, stored the way the
// collector's comparator pass stores them. Comparator post i is a pure function of the seed and i.
import { mulberry32 } from '../core/mulberry32.js';
import type { Network, NormalizedPost } from '../core/types.js';
import type { Db } from '../db/connection.js';
import { noteComparatorCollected, selectComparatorPostsDue, storeComparatorPost, storeComparatorReading } from '../db/comparator-posts.js';
import { collectedNetworkIds } from '../core/networks.js';
import { countComparatorPosts } from '../db/table-sizes.js';
import { DAY_MS, MINUTE_MS, type Campaign } from './synthetic-campaign.js';

/** The comparator hashtags the benchmark's server is configured with. */
export const BENCH_COMPARATORS = ['livingwage', 'fourdayweek'] as const;

/** Comparator posts per campaign post: 200,000 beside a 1M campaign. */
const COMPARATOR_SHARE = 0.2;
/** Accounts that post only comparator posts: one per 25 campaign posts (40,000 at 1M). */
const OUTSIDERS_PER_POST = 1 / 25;
const NETWORKS: readonly Network[] = ['x', 'bluesky', 'mastodon'];

export function comparatorPostCount(campaign: Campaign): number {
  return Math.round(campaign.options.posts * COMPARATOR_SHARE);
}

/**
 * Comparator post `index` of the campaign's span: one comparator tag, every fifth carrying both;
 * every third by a campaign account (a person on both sides), the rest by outsiders.
 */
export function comparatorPost(campaign: Campaign, index: number, createdAt?: number): { post: NormalizedPost; tags: string[] } {
  const random = mulberry32((campaign.options.seed * 0x9e3779b1) ^ (index * 0x85ebca6b) ^ 0x5bd1e995);
  const span = campaign.end - campaign.start;
  const at = createdAt ?? campaign.start + Math.floor(random() * span);
  const tags = index % 5 === 0 ? [...BENCH_COMPARATORS] : [BENCH_COMPARATORS[index % 2]!];
  let network: Network;
  let author: NormalizedPost['author'];
  if (index % 3 === 0) {
    const original = campaign.post(Math.floor(random() * campaign.options.posts));
    network = original.network;
    author = original.normalized.author;
  } else {
    const outsiders = Math.max(1, Math.round(campaign.options.posts * OUTSIDERS_PER_POST));
    const outsider = Math.floor(random() * outsiders);
    network = NETWORKS[outsider % NETWORKS.length]!;
    author = { networkId: `cmp-${outsider}`, username: `voice${outsider}`, displayName: `Voice ${outsider}`, followers: Math.floor(random() * 5_000), verified: false };
  }
  const likes = Math.floor(random() ** 3 * 200);
  const networkId = `cmp-${campaign.options.seed}-${index}`;
  return {
    tags,
    post: {
      network,
      networkId,
      refreshRef: networkId,
      url: `https://example.invalid/${network}/${networkId}`,
      createdAt: at,
      text: tags.map((tag) => `#${tag}`).join(' '),
      lang: 'en',
      kind: 'original',
      hashtags: tags,
      links: [],
      author,
      metrics: { likes, reposts: Math.floor(likes / 4), replies: Math.floor(likes / 8), quotes: 0, bookmarks: null, impressions: network === 'x' ? likes * 40 : null },
    },
  };
}

/** Stores the campaign's comparator posts unless the database holds some already; returns how many it stored. */
export function ensureComparatorPosts(db: Db, campaign: Campaign, onProgress?: (stored: number, total: number) => void): number {
  if (countComparatorPosts(db) > 0) return 0;
  const total = comparatorPostCount(campaign);
  const firstCollected = campaign.start - DAY_MS;
  const now = campaign.end;
  const chunk = 20_000;
  for (let from = 0; from < total; from += chunk) {
    db.transaction(() => {
      if (from === 0) for (const network of collectedNetworkIds()) for (const tag of BENCH_COMPARATORS) noteComparatorCollected(db, network, tag, firstCollected);
      for (let i = from; i < Math.min(total, from + chunk); i += 1) {
        const { post, tags } = comparatorPost(campaign, i);
        // The most recent week is still due a refresh, as the collector leaves it.
        storeComparatorPost(db, { post, tags, now, nextRefreshAt: post.createdAt > now - 7 * DAY_MS ? now : null });
      }
    }).immediate();
    onProgress?.(Math.min(total, from + chunk), total);
  }
  return total;
}

/** One comparator collection on `writer`: a page of new comparator posts and a page of refreshed counts; returns the next serial. */
export function commitComparatorCollection(writer: Db, campaign: Campaign, serial: number, at: number, pageSize = 100): number {
  const due = selectComparatorPostsDue(writer, 'x', at).slice(0, pageSize);
  writer.transaction(() => {
    for (let i = 0; i < pageSize; i += 1) {
      const { post, tags } = comparatorPost(campaign, comparatorPostCount(campaign) + serial, at - 5 * MINUTE_MS + (serial % 1000));
      serial += 1;
      storeComparatorPost(writer, { post, tags, now: at, nextRefreshAt: at });
    }
    for (const [i, target] of due.entries()) {
      storeComparatorReading(writer, target.postId, { likes: 500 + serial + i, reposts: 1, replies: 1, quotes: 0, bookmarks: null, impressions: 2_000 }, at, null);
    }
  }).immediate();
  return serial;
}
