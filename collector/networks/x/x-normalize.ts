// Pure mapping from X API v2 objects to the tracker's normalised posts, authors and readings.
// Retweets are amplification: a retweet carries its original's retweet_count and no likes of its
// own (see the recorded x-search-recent-kpop page among the X reference recordings), so it is
// kept as a repost linked to its original with no counts, and the original is kept once with its own.
import type { MetricReading, NormalizedAuthor, NormalizedPost, PostKind } from '../../../core/types.js';
import { normalizeHashtag } from '../../../core/hashtags.js';
import type { XTweet, XUser } from './x-schema.js';
import { snowflakeTime } from './snowflake.js';

/** A repost's reading: it adds no engagements or impressions of its own. */
export const NO_COUNTS: MetricReading = { likes: null, reposts: null, replies: null, quotes: null, bookmarks: null, impressions: null };

export function xMetrics(tweet: XTweet): MetricReading {
  if (retweetedId(tweet) !== null) return NO_COUNTS;
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

/** The id of the post a retweet amplifies, or null for anything else (quotes are posts of their own). */
export function retweetedId(tweet: XTweet): string | null {
  return tweet.referenced_tweets?.find((ref) => ref.type === 'retweeted')?.id ?? null;
}

function xKind(tweet: XTweet): PostKind {
  const types = new Set((tweet.referenced_tweets ?? []).map((ref) => ref.type));
  if (types.has('retweeted')) return 'repost';
  if (types.has('quoted')) return 'quote';
  if (types.has('replied_to')) return 'reply';
  return 'original';
}

/**
 * X HTML-escapes `&`, `<` and `>` in post text (and only those): undo exactly that, in one pass so
 * an author's literal "&amp;" (served as "&amp;amp;") survives. note_tweet text is assumed to be
 * served the same way: a stray "&amp;" typed by an author is rarer than every "&" shown escaped.
 */
export function unescapeXText(text: string): string {
  return text.replace(/&(amp|lt|gt);/g, (_, name: string) => (name === 'amp' ? '&' : name === 'lt' ? '<' : '>'));
}

/** The stable id of a post across edits: the first of its edit chain. */
export function xStableId(tweet: XTweet): string {
  return tweet.edit_history_tweet_ids?.[0] ?? tweet.id;
}

/** Whether this object is an older version of an edited post (its chain goes on past it). */
export function isSupersededVersion(tweet: XTweet): boolean {
  const chain = tweet.edit_history_tweet_ids;
  return chain !== undefined && chain.at(-1) !== tweet.id;
}

export function xPost(tweet: XTweet, usersById: ReadonlyMap<string, XUser>, original?: NormalizedPost): NormalizedPost {
  const author = xAuthor(tweet.author_id, usersById.get(tweet.author_id));
  // A long post's `text` stops near 280 characters; note_tweet has all of it, with its own entities.
  const entities = tweet.note_tweet?.entities ?? tweet.entities;
  const chain = tweet.edit_history_tweet_ids;
  const edited = chain !== undefined && chain.length > 1;
  const own = (entities?.hashtags ?? []).map((h) => normalizeHashtag(h.tag));
  // A retweet's text is cut short ("RT @a: …"), so it may lose the tags its original carries.
  const hashtags = [...new Set([...own, ...(original?.hashtags ?? [])])];
  return {
    network: 'x',
    networkId: xStableId(tweet),
    refreshRef: tweet.id,
    url: `https://x.com/${encodeURIComponent(author.username)}/status/${tweet.id}`,
    // Each edit is a new id created at the edit; the post itself was created with the first one.
    createdAt: edited ? snowflakeTime(chain[0]!) : Date.parse(tweet.created_at),
    text: unescapeXText(tweet.note_tweet?.text ?? tweet.text),
    lang: tweet.lang ?? null,
    kind: xKind(tweet),
    hashtags,
    links: (entities?.urls ?? []).map((u) => u.unwound_url ?? u.expanded_url ?? u.url),
    author,
    metrics: xMetrics(tweet),
    ...(original ? { repostOf: original.networkId } : {}),
    ...(chain ? { editHistoryIds: chain } : {}),
  };
}

/**
 * The originals that `tweets`' retweets amplify, keyed by their id, from the tweets themselves or
 * includes.tweets (once each, whether or not the search returned them). X leaves out an original it
 * may not show (deleted, protected): such a repost stays unlinked.
 */
export function xRetweetedOriginals(
  tweets: readonly XTweet[],
  includedTweets: readonly XTweet[] | undefined,
  usersById: ReadonlyMap<string, XUser>,
): Map<string, NormalizedPost> {
  const known = new Map<string, XTweet>();
  for (const tweet of includedTweets ?? []) if (!known.has(tweet.id)) known.set(tweet.id, tweet);
  for (const tweet of tweets) known.set(tweet.id, tweet);
  const originals = new Map<string, NormalizedPost>();
  for (const tweet of tweets) {
    const id = retweetedId(tweet);
    if (id === null || originals.has(id)) continue;
    const source = known.get(id);
    if (source && retweetedId(source) === null) originals.set(id, xPost(source, usersById));
  }
  return originals;
}

/**
 * A page's posts in storing order: the originals its retweets amplify that the page does not hold
 * itself, then the page's other posts, then its reposts, each linked to its stored original.
 */
export function xPagePosts(
  tweets: readonly XTweet[],
  includedTweets: readonly XTweet[] | undefined,
  usersById: ReadonlyMap<string, XUser>,
): { posts: NormalizedPost[]; extraOriginals: number } {
  const inData = new Set(tweets.map((tweet) => tweet.id));
  const originals = xRetweetedOriginals(tweets, includedTweets, usersById);
  const extra = [...originals].filter(([id]) => !inData.has(id)).map(([, post]) => post);
  const posts: NormalizedPost[] = [...extra];
  for (const tweet of tweets) if (retweetedId(tweet) === null) posts.push(xPost(tweet, usersById));
  for (const tweet of tweets) {
    const id = retweetedId(tweet);
    if (id !== null) posts.push(xPost(tweet, usersById, originals.get(id)));
  }
  return { posts, extraOriginals: extra.length };
}

export function indexUsers(users: readonly XUser[] | undefined): Map<string, XUser> {
  return new Map((users ?? []).map((user) => [user.id, user]));
}

/** The recent-search query for the tracked tags: `#a` or `(#a OR #b)`. */
export function xSearchQuery(hashtags: readonly string[]): string {
  const terms = hashtags.map((tag) => `#${tag}`);
  return terms.length === 1 ? terms[0]! : `(${terms.join(' OR ')})`;
}
