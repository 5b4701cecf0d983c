// Expected dashboard numbers computed straight from the seed's own record of what it wrote, with
// the published metric definitions spelled out again here, so API tests never check the queries
// against themselves.
import type { MetricReading, Network } from '../../core/types.js';
import type { SeededDatabase, SeededPost } from '../helpers/seed-database.js';

export interface ModelScope {
  networks?: readonly Network[];
  hashtag?: string;
}

export interface Window {
  start: number;
  end: number;
}

/** Engagements as the campaign defines them (README "Metric definitions"). */
export function engagements(network: Network, m: MetricReading): number {
  const n = (value: number | null) => value ?? 0;
  if (network === 'x') return n(m.likes) + n(m.reposts) + n(m.replies) + n(m.quotes) + n(m.bookmarks);
  if (network === 'bluesky') return n(m.likes) + n(m.reposts) + n(m.replies) + n(m.quotes);
  return n(m.likes) + n(m.reposts) + n(m.replies);
}

export const latest = (post: SeededPost): MetricReading => post.readings.at(-1)!.metrics;

export function inScope(post: SeededPost, scope: ModelScope = {}): boolean {
  return (
    post.removedAt === null &&
    (!scope.networks || scope.networks.includes(post.network)) &&
    (!scope.hashtag || post.matchedHashtags.includes(scope.hashtag))
  );
}

export function postsIn(seed: SeededDatabase, window: Window, scope: ModelScope = {}): SeededPost[] {
  return seed.posts.filter((post) => inScope(post, scope) && post.createdAt >= window.start && post.createdAt < window.end);
}

const authorKey = (post: SeededPost) => `${post.network}:${post.author.networkId}`;

export function contributors(posts: readonly SeededPost[]): number {
  return new Set(posts.map(authorKey)).size;
}

export function potentialReach(posts: readonly SeededPost[]): number {
  const followers = new Map(posts.map((post) => [authorKey(post), post.author.followers]));
  return [...followers.values()].reduce((sum, value) => sum + value, 0);
}

export function kpis(posts: readonly SeededPost[]) {
  const byKind = { total: posts.length, original: 0, reply: 0, quote: 0, repost: 0 };
  let engaged = 0;
  let impressions = 0;
  let engagedWithImpressions = 0;
  for (const post of posts) {
    byKind[post.kind] += 1;
    const m = latest(post);
    engaged += engagements(post.network, m);
    if (post.network === 'x' && m.impressions !== null) {
      impressions += m.impressions;
      engagedWithImpressions += engagements(post.network, m);
    }
  }
  return { posts: byKind, contributors: contributors(posts), engagements: engaged, impressions, engagementRate: engagedWithImpressions / impressions, potentialReach: potentialReach(posts) };
}

/**
 * Engagements and impressions gained in `window` by live posts in scope: each reading's growth over
 * the post's previous reading, the first reading in full at the post's creation time.
 */
export function gained(seed: SeededDatabase, window: Window, scope: ModelScope = {}): { engagements: number; impressions: number } {
  let engaged = 0;
  let impressions = 0;
  for (const post of seed.posts) {
    if (!inScope(post, scope)) continue;
    let previous: MetricReading | null = null;
    for (const { at, metrics } of post.readings) {
      const when = previous === null ? post.createdAt : at;
      if (when >= window.start && when < window.end) {
        engaged += engagements(post.network, metrics) - (previous ? engagements(post.network, previous) : 0);
        if (post.network === 'x') impressions += (metrics.impressions ?? 0) - (previous?.impressions ?? 0);
      }
      previous = metrics;
    }
  }
  return { engagements: engaged, impressions };
}
