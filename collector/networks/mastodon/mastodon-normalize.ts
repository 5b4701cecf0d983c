// Pure mapping from Mastodon statuses and accounts to the tracker's normalised posts, authors and
// readings, plus the refresh reference that says which server's copy of a post to re-read.
import type { MetricReading, NormalizedAuthor, NormalizedPost, PostKind } from '../../../core/types.js';
import { normalizeHashtag } from '../../../core/hashtags.js';
import { statusText } from './mastodon-html.js';
import type { MastodonAccount, MastodonStatus } from './mastodon-schema.js';

/** Which copy of a post to re-read: the server it was collected from and its id there. */
export interface MastodonRefreshRef {
  server: string;
  id: string;
}

export function encodeRefreshRef(ref: MastodonRefreshRef): string {
  return JSON.stringify({ server: ref.server, id: ref.id });
}

/** The stored reference, or null when it is not one this adapter wrote. */
export function decodeRefreshRef(value: string): MastodonRefreshRef | null {
  try {
    const parsed = JSON.parse(value) as Partial<MastodonRefreshRef> | null;
    return typeof parsed?.server === 'string' && typeof parsed.id === 'string' && parsed.id !== '' ? { server: parsed.server, id: parsed.id } : null;
  } catch {
    return null;
  }
}

/** host[:port] of a base URL, as it appears in remote accts. */
export function hostOf(baseUrl: string): string {
  return new URL(baseUrl).host.toLowerCase();
}

/** The domain part of a remote acct (`user@domain`), or null for the server's own accounts. */
export function acctDomain(acct: string): string | null {
  const at = acct.indexOf('@');
  return at === -1 ? null : acct.slice(at + 1).toLowerCase();
}

/** The hosts that may be the author's home server: the acct's domain and the host of the status uri. */
export function homeHosts(status: MastodonStatus): string[] {
  const hosts = new Set<string>();
  const domain = acctDomain(status.account.acct);
  if (domain) hosts.add(domain);
  try {
    hosts.add(new URL(status.uri).host.toLowerCase());
  } catch {
    // A uri that is not a URL (some servers use tag: URIs) names no host.
  }
  return [...hosts];
}

export function mastodonMetrics(status: MastodonStatus): MetricReading {
  return {
    likes: status.favourites_count,
    reposts: status.reblogs_count,
    replies: status.replies_count,
    quotes: status.quotes_count ?? null,
    bookmarks: null,
    impressions: null,
  };
}

/** `serverHost` is the host of the server the account was read from: local accts get it appended. */
export function mastodonAuthor(account: MastodonAccount, serverHost: string): NormalizedAuthor {
  const username = account.acct.includes('@') ? account.acct : `${account.acct}@${serverHost}`;
  return {
    networkId: account.uri ?? account.url ?? `acct:${username}`,
    username,
    displayName: account.display_name.trim() === '' ? null : account.display_name,
    followers: account.followers_count >= 0 ? account.followers_count : null,
    verified: null,
  };
}

function mastodonKind(status: MastodonStatus): PostKind {
  if (status.in_reply_to_id) return 'reply';
  if (status.quote) return 'quote';
  return 'original';
}

/** A status as a normalised post; `server` is the base URL of the server it was read from. */
export function mastodonPost(status: MastodonStatus, server: string): NormalizedPost {
  const { text, links } = statusText(status.content, (status.mentions ?? []).map((mention) => mention.url));
  const cardUrl = status.card?.url;
  if (cardUrl && /^https?:\/\//i.test(cardUrl) && !links.includes(cardUrl)) links.push(cardUrl);
  return {
    network: 'mastodon',
    networkId: status.uri,
    refreshRef: encodeRefreshRef({ server, id: status.id }),
    url: status.url ?? status.uri,
    createdAt: Date.parse(status.created_at),
    text,
    lang: status.language ?? null,
    kind: mastodonKind(status),
    hashtags: [...new Set(status.tags.map((tag) => normalizeHashtag(tag.name)))],
    links,
    author: mastodonAuthor(status.account, hostOf(server)),
    metrics: mastodonMetrics(status),
  };
}
