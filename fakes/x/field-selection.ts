// X API v2 field selection: which keys a post or user object carries for the requested
// tweet.fields / user.fields / expansions. Field names are the ones openapi-2.159 enumerates.
import type { FakeXUser } from './fake-x-types.js';
import type { StoredPost } from './stored-post.js';

export const TWEET_FIELDS = [
  'article', 'attachments', 'author_id', 'card_uri', 'community_id', 'context_annotations', 'conversation_id', 'created_at',
  'display_text_range', 'edit_controls', 'edit_history_tweet_ids', 'entities', 'geo', 'id', 'in_reply_to_user_id', 'lang',
  'media_metadata', 'non_public_metrics', 'note_tweet', 'organic_metrics', 'possibly_sensitive', 'promoted_metrics',
  'public_metrics', 'referenced_tweets', 'reply_settings', 'scopes', 'source', 'suggested_source_links',
  'suggested_source_links_with_counts', 'text', 'withheld',
] as const;

export const USER_FIELDS = [
  'affiliation', 'confirmed_email', 'connection_status', 'created_at', 'description', 'entities', 'id', 'is_identity_verified',
  'location', 'most_recent_tweet_id', 'name', 'parody', 'pinned_tweet_id', 'profile_banner_url', 'profile_image_url',
  'protected', 'public_metrics', 'receives_your_dm', 'subscription', 'subscription_type', 'url', 'username', 'verified',
  'verified_followers_count', 'verified_type', 'withheld',
] as const;

export const EXPANSIONS = [
  'article.cover_media', 'article.media_entities', 'attachments.media_keys', 'attachments.media_source_tweet',
  'attachments.poll_ids', 'author_id', 'edit_history_tweet_ids', 'entities.mentions.username', 'geo.place_id',
  'in_reply_to_user_id', 'entities.note.mentions.username', 'referenced_tweets.id', 'referenced_tweets.id.attachments.media_keys',
  'referenced_tweets.id.author_id',
] as const;

export const MEDIA_FIELDS = [
  'alt_text', 'duration_ms', 'height', 'media_key', 'non_public_metrics', 'organic_metrics', 'preview_image_url',
  'promoted_metrics', 'public_metrics', 'type', 'url', 'variants', 'width',
] as const;
export const POLL_FIELDS = ['duration_minutes', 'end_datetime', 'id', 'options', 'voting_status'] as const;
export const PLACE_FIELDS = ['contained_within', 'country', 'country_code', 'full_name', 'geo', 'id', 'name', 'place_type'] as const;

/** Fields only a user-context token may read; app-only requests get a Field Authorization Error instead. */
export const PRIVATE_TWEET_FIELDS = new Set(['non_public_metrics', 'organic_metrics', 'promoted_metrics']);

/** Editing a post is possible for an hour after it is created. */
const EDIT_WINDOW_MS = 3_600_000;
/** Every fake account was created at the same moment; X requires a date, tests rarely care which. */
const ACCOUNT_CREATED_AT = '2015-03-01T12:00:00.000Z';

export interface Selection {
  tweetFields: ReadonlySet<string>;
  userFields: ReadonlySet<string>;
  expansions: ReadonlySet<string>;
}

/** X serves times with millisecond digits but second precision. */
function xTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString();
}

function referenceType(kind: StoredPost['kind']): 'replied_to' | 'quoted' | 'retweeted' | null {
  return kind === 'reply' ? 'replied_to' : kind === 'quote' ? 'quoted' : kind === 'repost' ? 'retweeted' : null;
}

export interface PostContext {
  /** The author of the post a reply answers, when the fake knows it. */
  repliedToAuthorId: string | null;
  /** The stored original a repost amplifies, when the fake knows it. */
  retweeted?: StoredPost | undefined;
  usersByName: ReadonlyMap<string, FakeXUser>;
}

/** X HTML-escapes `&`, `<` and `>` (and nothing else) in post text, as the recorded kpop page shows ("&amp;", "&lt;COMING UP NEXT&gt;"). */
export function escapeXText(text: string): string {
  return text.replace(/[&<>]/g, (char) => (char === '&' ? '&amp;' : char === '<' ? '&lt;' : '&gt;'));
}

function renderEntities(content: Pick<StoredPost, 'hashtags' | 'mentions' | 'urls'>, context: PostContext): Record<string, unknown> {
  const entities: Record<string, unknown> = {};
  if (content.urls.length) entities.urls = content.urls.map((url) => ({ ...url }));
  if (content.hashtags.length) entities.hashtags = content.hashtags.map((tag) => ({ ...tag }));
  if (content.mentions.length) {
    entities.mentions = content.mentions.map((mention) => {
      const user = context.usersByName.get(mention.username.toLowerCase());
      return user ? { ...mention, id: user.id } : { ...mention };
    });
  }
  return entities;
}

/**
 * A post's public counters as X serves them. A retweet has none of its own: it carries its
 * original's retweet_count and zero for the rest (all 78 retweets of the recorded kpop page do).
 */
function publicMetrics(post: StoredPost, context: PostContext): Record<string, number> {
  const m = post.metrics;
  if (post.kind === 'repost') {
    const retweets = context.retweeted?.metrics.retweet ?? m.retweet;
    return { retweet_count: retweets, reply_count: 0, like_count: 0, quote_count: 0, bookmark_count: 0, impression_count: 0 };
  }
  return {
    retweet_count: m.retweet,
    reply_count: m.reply,
    like_count: m.like,
    quote_count: m.quote,
    bookmark_count: m.bookmark,
    impression_count: m.impression,
  };
}

/** The post object with exactly the keys X returns for this selection. */
export function renderPost(post: StoredPost, selection: Selection, context: PostContext): Record<string, unknown> {
  const fields = selection.tweetFields;
  const out: Record<string, unknown> = { edit_history_tweet_ids: [...post.editHistory], id: post.id, text: escapeXText(post.text) };
  const reference = referenceType(post.kind);
  if (fields.has('author_id')) out.author_id = post.authorId;
  if (fields.has('created_at')) out.created_at = xTime(post.createdAtMs);
  if (fields.has('conversation_id')) out.conversation_id = post.kind === 'reply' && post.referencedId ? post.referencedId : post.id;
  if (fields.has('lang')) out.lang = post.lang;
  if (fields.has('public_metrics')) out.public_metrics = publicMetrics(post, context);
  if (fields.has('referenced_tweets') && reference && post.referencedId) out.referenced_tweets = [{ type: reference, id: post.referencedId }];
  if (fields.has('in_reply_to_user_id') && post.kind === 'reply') out.in_reply_to_user_id = context.repliedToAuthorId ?? post.authorId;
  if (fields.has('entities')) {
    const entities = renderEntities(post, context);
    // X leaves `entities` out entirely when the text has none.
    if (Object.keys(entities).length) out.entities = entities;
  }
  // Only when asked for, and only on a long post: its whole text (escaped like `text`) and entities.
  if (fields.has('note_tweet') && post.note) {
    const entities = renderEntities(post.note, context);
    out.note_tweet = { text: escapeXText(post.note.text), ...(Object.keys(entities).length ? { entities } : {}) };
  }
  if (fields.has('possibly_sensitive')) out.possibly_sensitive = false;
  if (fields.has('reply_settings')) out.reply_settings = 'everyone';
  if (fields.has('display_text_range')) out.display_text_range = [0, [...post.text].length];
  if (fields.has('edit_controls')) {
    const editableUntil = post.createdAtMs + EDIT_WINDOW_MS;
    out.edit_controls = { edits_remaining: 5, is_edit_eligible: post.kind !== 'repost', editable_until: new Date(editableUntil).toISOString() };
  }
  // The remaining fields (attachments, geo, context_annotations, …) describe things fake posts never have,
  // and X omits a field that does not apply.
  return out;
}

/** The user object with exactly the keys X returns for this selection. */
export function renderUser(user: FakeXUser, selection: Selection, postCount: number): Record<string, unknown> {
  const fields = selection.userFields;
  const out: Record<string, unknown> = { id: user.id, name: user.name, username: user.username };
  if (fields.has('created_at')) out.created_at = ACCOUNT_CREATED_AT;
  if (fields.has('description')) out.description = '';
  if (fields.has('location')) out.location = '';
  if (fields.has('url')) out.url = '';
  if (fields.has('protected')) out.protected = false;
  if (fields.has('profile_image_url')) out.profile_image_url = `https://pbs.twimg.com/profile_images/${user.id}/avatar_normal.jpg`;
  if (fields.has('verified')) out.verified = user.verified ?? false;
  if (fields.has('verified_type')) out.verified_type = user.verified ? 'blue' : 'none';
  if (fields.has('public_metrics')) {
    out.public_metrics = { followers_count: user.followers, following_count: 0, tweet_count: postCount, listed_count: 0 };
  }
  return out;
}
