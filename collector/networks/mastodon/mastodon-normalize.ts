// Pure mapping from Mastodon statuses and accounts to the tracker's normalised posts, authors and
// readings, plus the refresh reference that says which server's copy of a post to re-read.
import type { MetricReading, NormalizedAuthor, NormalizedPost, PostKind } from '../../../core/types.js';
import { normalizeHashtag } from '../../../core/hashtags.js';
import { statusText } from './mastodon-html.js';
import type { MastodonAccount, MastodonStatus } from './mastodon-schema.js';

/** One server's copy of a post: the server's base URL and the post's local id there. */
export interface MastodonCopy {
  server: string;
  id: string;
}

/**
 * Which copy of a post to re-read: the server it was collected from and its id there, plus, for a post
 * whose author's home server is not watched, the home server's copy (asked first, its counts are current).
 */
export interface MastodonRefreshRef extends MastodonCopy {
  home?: MastodonCopy;
}

export function encodeRefreshRef(ref: MastodonRefreshRef): string {
  return JSON.stringify({ server: ref.server, id: ref.id, ...(ref.home ? { home: { server: ref.home.server, id: ref.home.id } } : {}) });
}

function readCopy(value: unknown): MastodonCopy | null {
  const copy = value as Partial<MastodonCopy> | null | undefined;
  return typeof copy?.server === 'string' && typeof copy.id === 'string' && copy.id !== '' ? { server: copy.server, id: copy.id } : null;
}

/** The stored reference, or null when it is not one this adapter wrote. */
export function decodeRefreshRef(value: string): MastodonRefreshRef | null {
  try {
    const parsed = JSON.parse(value) as { home?: unknown } | null;
    const copy = readCopy(parsed);
    if (!copy) return null;
    const home = readCopy(parsed?.home);
    return home ? { ...copy, home } : copy;
  } catch {
    return null;
  }
}

// Mastodon's public addresses of a status: https://host/@user/ID (url) and https://host/users/user/statuses/ID (uri).
const STATUS_URL_PATH = /^\/@[^/]+\/([0-9A-Za-z]+)\/?$/;
const STATUS_URI_PATH = /^\/users\/[^/]+\/statuses\/([0-9A-Za-z]+)\/?$/;

/**
 * The author's home server and the post's id there, read from the post's `url` (or its `uri`), for a
 * post by a remote account. Only a host that the acct or uri names as the author's counts, so a post
 * cannot point the collector at an unrelated address.
 */
export function homeCopy(status: MastodonStatus): MastodonCopy | null {
  if (acctDomain(status.account.acct) === null) return null;
  const hosts = homeHosts(status);
  for (const [address, path] of [[status.url, STATUS_URL_PATH], [status.uri, STATUS_URI_PATH]] as const) {
    if (!address) continue;
    let parsed: URL;
    try {
      parsed = new URL(address);
    } catch {
      continue;
    }
    const id = path.exec(parsed.pathname)?.[1];
    if (id && /^https?:$/.test(parsed.protocol) && hosts.includes(parsed.host.toLowerCase())) return { server: parsed.origin, id };
  }
  return null;
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
  const home = homeCopy(status);
  return {
    network: 'mastodon',
    networkId: status.uri,
    refreshRef: encodeRefreshRef({ server, id: status.id, ...(home && home.server !== server ? { home } : {}) }),
    countsSource: hostOf(server),
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
