// Turns a recorded X answer (as X sent it: data, includes.tweets, includes.users) into the fake's
// stored posts and accounts, keeping X's own ids, text, entities, counts and references, so a real
// page can be served again through the fake's request handling.
import type { FakeXUser } from './fake-x-types.js';
import type { HashtagEntity, MentionEntity, PostKind, StoredPost, UrlEntity } from './stored-post.js';

interface RecordedTweet {
  id: string;
  text: string;
  author_id: string;
  created_at: string;
  lang?: string;
  edit_history_tweet_ids?: string[];
  referenced_tweets?: Array<{ type: 'retweeted' | 'quoted' | 'replied_to'; id: string }>;
  entities?: { hashtags?: HashtagEntity[]; mentions?: MentionEntity[]; urls?: UrlEntity[] };
  public_metrics: { retweet_count: number; reply_count: number; like_count: number; quote_count: number; bookmark_count?: number; impression_count?: number };
}

interface RecordedUser {
  id: string;
  username: string;
  name: string;
  verified?: boolean;
  public_metrics?: { followers_count: number };
}

/** X serves text HTML-escaped; the fake stores what the author typed and escapes when serving. */
function unescape(text: string): string {
  return text.replace(/&(amp|lt|gt);/g, (_, name: string) => (name === 'amp' ? '&' : name === 'lt' ? '<' : '>'));
}

function kindOf(tweet: RecordedTweet): { kind: PostKind; referencedId: string | null } {
  const refs = tweet.referenced_tweets ?? [];
  for (const [type, kind] of [['retweeted', 'repost'], ['quoted', 'quote'], ['replied_to', 'reply']] as const) {
    const ref = refs.find((entry) => entry.type === type);
    if (ref) return { kind, referencedId: ref.id };
  }
  return { kind: 'original', referencedId: null };
}

function storedPost(tweet: RecordedTweet): StoredPost {
  const m = tweet.public_metrics;
  return {
    id: tweet.id,
    authorId: tweet.author_id,
    text: unescape(tweet.text),
    note: null,
    editHistory: tweet.edit_history_tweet_ids ?? [tweet.id],
    createdAtMs: Date.parse(tweet.created_at),
    lang: tweet.lang ?? 'und',
    ...kindOf(tweet),
    hashtags: (tweet.entities?.hashtags ?? []).map(({ start, end, tag }) => ({ start, end, tag })),
    mentions: (tweet.entities?.mentions ?? []).map(({ start, end, username }) => ({ start, end, username })),
    urls: (tweet.entities?.urls ?? []).map(({ start, end, url, expanded_url, display_url }) => ({ start, end, url, expanded_url, display_url })),
    // Recordings from before 2022 lack the two counters X added then.
    metrics: {
      like: m.like_count,
      retweet: m.retweet_count,
      reply: m.reply_count,
      quote: m.quote_count,
      bookmark: m.bookmark_count ?? 0,
      impression: m.impression_count ?? 0,
    },
    deleted: false,
    protected: false,
  };
}

/** The posts (data first, then includes.tweets, each id once) and accounts of a recorded answer. */
export function importRecordedPage(answer: unknown): { users: FakeXUser[]; posts: StoredPost[] } {
  const page = answer as { data?: RecordedTweet[]; includes?: { tweets?: RecordedTweet[]; users?: RecordedUser[] } };
  const posts = new Map<string, StoredPost>();
  for (const tweet of [...(page.data ?? []), ...(page.includes?.tweets ?? [])]) if (!posts.has(tweet.id)) posts.set(tweet.id, storedPost(tweet));
  const users = (page.includes?.users ?? []).map((user) => ({
    id: user.id,
    username: user.username,
    name: user.name,
    followers: user.public_metrics?.followers_count ?? 0,
    verified: user.verified ?? false,
  }));
  return { users, posts: [...posts.values()] };
}
