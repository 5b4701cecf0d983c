// The "share" links each network offers for a ready-made post, with every value percent-encoded.
// encodeURIComponent rather than URLSearchParams: it writes spaces as %20, which every network's
// intent page reads as a space, where '+' is only a space to form decoders.
import { networkById } from '../core/networks.js';
import type { ShareNetwork } from './networks.js';

/** What a share link carries: the post text (which contains the link) and the link on its own. */
export interface ShareContent {
  /** The full post as a supporter would publish it, link included. */
  text: string;
  /** The UTM-tagged link inside `text`. */
  link: string;
}

/** A Mastodon server name a supporter typed was not usable. */
export class InvalidMastodonServerError extends Error {
  override name = 'InvalidMastodonServerError';
  constructor(readonly input: string) {
    super(`"${input}" is not a Mastodon server name: type its address, for example mastodon.social`);
  }
}

const enc = encodeURIComponent;

/** The post text without its link, for intents that take the link separately and append it themselves. */
export function textWithoutLink({ text, link }: ShareContent): string {
  const at = text.lastIndexOf(link);
  if (at === -1) return text;
  return (text.slice(0, at).trimEnd() + text.slice(at + link.length)).trim();
}

/**
 * The host of a Mastodon server from what a supporter typed ("mastodon.social", "@me@mas.to",
 * "https://mas.to/about"), lower-cased, with its port if it has one. Throws InvalidMastodonServerError when it is not a host name.
 */
export function normalizeMastodonServer(input: string): string {
  let value = input.trim();
  // A full handle such as @someone@example.social names its server after the last @.
  if (/^@?[^@\s/]+@[^@\s/]+$/.test(value)) value = value.slice(value.lastIndexOf('@') + 1);
  const candidate = /^https?:\/\//i.test(value) ? value : `https://${value}`;
  if (!URL.canParse(candidate)) throw new InvalidMastodonServerError(input);
  const { host, hostname, username, password } = new URL(candidate);
  if (username || password || !/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]*[a-z0-9]$/.test(hostname)) {
    throw new InvalidMastodonServerError(input);
  }
  return host;
}

/** Mastodon's share page on one server: path and query only, for the action page to prefix with the supporter's server. */
export function mastodonSharePath(content: ShareContent): string {
  const intent = networkById('mastodon').shareIntent;
  if (intent.kind !== 'per-server') throw new Error('Mastodon shares through each server: its registry entry must be per-server');
  return fillIntent(intent.path, content);
}

/**
 * The intent URL that opens `network`'s composer with the post filled in, from the registry's
 * template (core/networks.ts). Mastodon needs the supporter's server (see normalizeMastodonServer).
 *   X, Threads  text without the link, plus url= (the network appends it; X counts it as 23)
 *   Bluesky     the whole text, link inside
 *   LinkedIn, Facebook  the link only: they take the title and image from the page's OpenGraph tags
 */
export function shareIntentUrl(network: ShareNetwork, content: ShareContent, mastodonServer?: string): string {
  const intent = networkById(network).shareIntent;
  // Only Mastodon is per-server today; its server names are the ones normalizeMastodonServer accepts.
  if (intent.kind === 'per-server') return `https://${normalizeMastodonServer(mastodonServer ?? '')}${fillIntent(intent.path, content)}`;
  return fillIntent(intent.url, content);
}

function fillIntent(template: string, content: ShareContent): string {
  const values: Record<string, string> = { text: content.text, textWithoutLink: textWithoutLink(content), link: content.link };
  return template.replace(/\{(text|textWithoutLink|link)\}/g, (_, name: string) => enc(values[name]!));
}
