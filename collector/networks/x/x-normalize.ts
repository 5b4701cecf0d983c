// Pure mapping from X API v2 objects to the tracker's normalised posts, authors and readings.
import type { MetricReading, NormalizedAuthor, NormalizedPost, PostKind } from '../../../core/types.js';
import { normalizeHashtag } from '../../../core/hashtags.js';
import type { XTweet, XUser } from './x-schema.js';

export function xMetrics(tweet: XTweet): MetricReading {
  const m = tweet.public_metrics;
  return {
    likes: m.like_count,
    reposts: m.retweet_count,
    replies: m.reply_count,
    quotes: m.quote_count,
    bookmarks: m.bookmark_count ?? null,
    impressions: m.impression_count ?? null,
  };
}

export function xAuthor(authorId: string, user: XUser | undefined): NormalizedAuthor {
  return {
    networkId: authorId,
    // A suspended or withheld author is missing from includes; keep the id so the post is still attributable.
    username: user?.username ?? authorId,
    displayName: user?.name ?? null,
    followers: user?.public_metrics?.followers_count ?? null,
    verified: user?.verified ?? null,
  };
}

function xKind(tweet: XTweet): PostKind {
  const types = new Set((tweet.referenced_tweets ?? []).map((ref) => ref.type));
  if (types.has('retweeted')) return 'repost';
  if (types.has('quoted')) return 'quote';
  if (types.has('replied_to')) return 'reply';
  return 'original';
}

export function xPost(tweet: XTweet, usersById: ReadonlyMap<string, XUser>): NormalizedPost {
  const author = xAuthor(tweet.author_id, usersById.get(tweet.author_id));
  return {
    network: 'x',
    networkId: tweet.id,
    refreshRef: tweet.id,
    url: `https://x.com/${encodeURIComponent(author.username)}/status/${tweet.id}`,
    createdAt: Date.parse(tweet.created_at),
    text: tweet.text,
    lang: tweet.lang ?? null,
    kind: xKind(tweet),
    hashtags: [...new Set((tweet.entities?.hashtags ?? []).map((h) => normalizeHashtag(h.tag)))],
    links: (tweet.entities?.urls ?? []).map((u) => u.unwound_url ?? u.expanded_url ?? u.url),
    author,
    metrics: xMetrics(tweet),
  };
}

export function indexUsers(users: readonly XUser[] | undefined): Map<string, XUser> {
  return new Map((users ?? []).map((user) => [user.id, user]));
}

/** The recent-search query for the tracked tags: `#a` or `(#a OR #b)`. */
export function xSearchQuery(hashtags: readonly string[]): string {
  const terms = hashtags.map((tag) => `#${tag}`);
  return terms.length === 1 ? terms[0]! : `(${terms.join(' OR ')})`;
}
