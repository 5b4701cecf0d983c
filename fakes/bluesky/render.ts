// The views the AppView serves: app.bsky.actor.defs#profileViewBasic / #profileViewDetailed and
// app.bsky.feed.defs#postView with its embed views, built from the fake's stored state.
import type { StoredAccount, StoredPost } from './stored-post.js';

export function profileViewBasic(account: StoredAccount): Record<string, unknown> {
  return {
    did: account.did,
    handle: account.handle,
    ...(account.displayName !== null ? { displayName: account.displayName } : {}),
    avatar: `https://cdn.bsky.app/img/avatar/plain/${account.did}/bafkreiavatar@jpeg`,
    associated: { chat: { allowIncoming: 'following' } },
    labels: [],
    createdAt: account.createdAt,
    ...(account.verified ? { verification: { verifications: [], verifiedStatus: 'valid', trustedVerifierStatus: 'none' } } : {}),
  };
}

export function profileViewDetailed(account: StoredAccount, postsCount: number, nowMs: number): Record<string, unknown> {
  return {
    ...profileViewBasic(account),
    description: '',
    followersCount: account.followers,
    followsCount: account.follows,
    postsCount,
    indexedAt: new Date(nowMs - 86_400_000).toISOString(),
  };
}

export interface RenderLookup {
  account(did: string): StoredAccount | undefined;
  /** A post that can still be shown (stored, not deleted). */
  visiblePost(uri: string): StoredPost | undefined;
}

function recordView(uri: string, lookup: RenderLookup): Record<string, unknown> {
  const quoted = lookup.visiblePost(uri);
  const author = quoted && lookup.account(quoted.authorDid);
  if (!quoted || !author) return { $type: 'app.bsky.embed.record#viewNotFound', uri, notFound: true };
  return {
    $type: 'app.bsky.embed.record#viewRecord',
    uri: quoted.uri,
    cid: quoted.cid,
    author: profileViewBasic(author),
    value: quoted.record,
    labels: [],
    likeCount: quoted.counts.like,
    replyCount: quoted.counts.reply,
    repostCount: quoted.counts.repost,
    quoteCount: quoted.counts.quote,
    indexedAt: new Date(quoted.indexedAtMs).toISOString(),
    embeds: [],
  };
}

function embedView(post: StoredPost, lookup: RenderLookup): Record<string, unknown> | null {
  const external = post.linkCard ? { $type: 'app.bsky.embed.external#view', external: { uri: post.linkCard.uri, title: post.linkCard.title, description: '' } } : null;
  const record = post.quoteUri ? { $type: 'app.bsky.embed.record#view', record: recordView(post.quoteUri, lookup) } : null;
  if (record && external) return { $type: 'app.bsky.embed.recordWithMedia#view', record, media: external };
  return record ?? external;
}

export function postView(post: StoredPost, author: StoredAccount, lookup: RenderLookup): Record<string, unknown> {
  const embed = embedView(post, lookup);
  return {
    uri: post.uri,
    cid: post.cid,
    author: profileViewBasic(author),
    record: post.record,
    ...(embed ? { embed } : {}),
    bookmarkCount: post.counts.bookmark,
    replyCount: post.counts.reply,
    repostCount: post.counts.repost,
    likeCount: post.counts.like,
    quoteCount: post.counts.quote,
    indexedAt: new Date(post.indexedAtMs).toISOString(),
    viewer: { bookmarked: false, threadMuted: false, embeddingDisabled: false },
    labels: [],
  };
}
