// What the fake stores per account and status, and how it renders them as Mastodon's REST
// entities (Account, Status, Quote, PreviewCard), attribute for attribute as the docs list them.
import type { FakeMastodonCounts } from './fake-mastodon-types.js';
import type { FormattedMention } from './status-html.js';

export interface StoredAccount {
  id: string;
  username: string;
  /** null for local accounts; the home server's host for remote ones. */
  domain: string | null;
  displayName: string;
  followers: number;
  url: string;
  uri: string;
  createdAtMs: number;
}

export interface StoredStatus {
  id: string;
  uri: string;
  url: string | null;
  accountId: string;
  createdAtMs: number;
  html: string;
  /** As written; timelines match them case-insensitively. */
  tags: string[];
  mentions: FormattedMention[];
  language: string | null;
  visibility: 'public' | 'unlisted' | 'private' | 'direct';
  spoilerText: string;
  inReplyToId: string | null;
  inReplyToAccountId: string | null;
  quoteOfId: string | null;
  reblogOfId: string | null;
  card: { url: string; title: string; description: string } | null;
  counts: FakeMastodonCounts;
  local: boolean;
  deleted: boolean;
}

export interface RenderContext {
  origin: string;
  /** Signed-in viewers get the per-user attributes (favourited, reblogged, …). */
  authorized: boolean;
  account(id: string): StoredAccount;
  status(id: string): StoredStatus | undefined;
  statusesCount(accountId: string): number;
}

export function acctOf(account: StoredAccount): string {
  return account.domain === null ? account.username : `${account.username}@${account.domain}`;
}

export function renderAccount(account: StoredAccount, context: RenderContext): Record<string, unknown> {
  const avatar = `${context.origin}/avatars/original/missing.png`;
  const header = `${context.origin}/headers/original/missing.png`;
  const created = new Date(account.createdAtMs);
  created.setUTCHours(0, 0, 0, 0);
  return {
    id: account.id,
    username: account.username,
    acct: acctOf(account),
    display_name: account.displayName,
    locked: false,
    bot: false,
    discoverable: true,
    indexable: true,
    group: false,
    created_at: created.toISOString(),
    note: '',
    url: account.url,
    uri: account.uri,
    avatar,
    avatar_static: avatar,
    header,
    header_static: header,
    followers_count: account.followers,
    following_count: 12,
    statuses_count: context.statusesCount(account.id),
    last_status_at: new Date(account.createdAtMs).toISOString().slice(0, 10),
    hide_collections: null,
    noindex: false,
    emojis: [],
    roles: [],
    fields: [],
  };
}

function renderCard(card: NonNullable<StoredStatus['card']>): Record<string, unknown> {
  return {
    url: card.url,
    title: card.title,
    description: card.description,
    language: 'en',
    type: 'link',
    author_name: '',
    author_url: '',
    provider_name: '',
    provider_url: '',
    html: '',
    width: 0,
    height: 0,
    image: null,
    image_description: '',
    embed_url: '',
    blurhash: null,
    published_at: null,
    authors: [],
  };
}

function renderQuote(status: StoredStatus, context: RenderContext): Record<string, unknown> | null {
  if (status.quoteOfId === null) return null;
  const quoted = context.status(status.quoteOfId);
  if (!quoted || quoted.deleted) return { state: 'deleted', quoted_status: null };
  return { state: 'accepted', quoted_status: renderStatus(quoted, context) };
}

/** The Status entity; a reblog is a wrapper whose `reblog` holds the original. */
export function renderStatus(status: StoredStatus, context: RenderContext): Record<string, unknown> {
  const reblogged = status.reblogOfId === null ? undefined : context.status(status.reblogOfId);
  const viewer = context.authorized ? { favourited: false, reblogged: false, muted: false, bookmarked: false } : {};
  return {
    id: status.id,
    created_at: new Date(status.createdAtMs).toISOString(),
    in_reply_to_id: status.inReplyToId,
    in_reply_to_account_id: status.inReplyToAccountId,
    sensitive: status.spoilerText !== '',
    spoiler_text: status.spoilerText,
    visibility: status.visibility,
    language: status.language,
    uri: status.uri,
    url: status.url,
    replies_count: status.counts.replies,
    reblogs_count: status.counts.reblogs,
    favourites_count: status.counts.favourites,
    quotes_count: status.counts.quotes,
    edited_at: null,
    ...viewer,
    content: status.html,
    reblog: reblogged ? renderStatus(reblogged, context) : null,
    ...(status.local ? { application: { name: 'Web', website: null } } : {}),
    account: renderAccount(context.account(status.accountId), context),
    media_attachments: [],
    mentions: status.mentions.map((mention) => ({ id: mention.id, username: mention.username, url: mention.url, acct: mention.acct })),
    tags: status.tags.map((name) => ({ name: name.toLowerCase(), url: `${context.origin}/tags/${encodeURIComponent(name.toLowerCase())}` })),
    emojis: [],
    quote: renderQuote(status, context),
    card: status.card ? renderCard(status.card) : null,
    poll: null,
    quote_approval: { automatic: [], manual: [], current_user: context.authorized ? 'automatic' : 'unknown' },
  };
}
