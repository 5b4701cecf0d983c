// Adds campaign UTM tags to a resource link so visits and collected posts can be traced to a shareable.
import type { ShareNetwork } from './networks.js';

/** The tags one shareable's link carries on one network. */
export interface UtmTags {
  /** A share network, or `apps` for the phone's share menu (the action page's system share sheet). */
  source: ShareNetwork | 'apps';
  campaign: string;
  /** The shareable id: how a collected post's link is attributed back to it. */
  content: string;
}

const UTM_KEYS = ['utm_source', 'utm_medium', 'utm_campaign', 'utm_content'] as const;

function queryKey(part: string): string {
  const raw = part.split('=', 1)[0] ?? '';
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return raw;
  }
}

/**
 * `url` with utm_source, utm_medium=social, utm_campaign and utm_content set, keeping its other
 * query parameters and its #fragment. The existing parameters are kept byte for byte (not
 * re-serialised through URLSearchParams, which would turn `?flag` into `?flag=` and `%20` into `+`,
 * changing what some servers see); utm_* keys we set replace any already present.
 */
export function addUtmTags(url: string, tags: UtmTags): string {
  const parsed = new URL(url);
  const kept = parsed.search
    .replace(/^\?/, '')
    .split('&')
    .filter((part) => part !== '' && !(UTM_KEYS as readonly string[]).includes(queryKey(part)));
  const utm = new URLSearchParams({ utm_source: tags.source, utm_medium: 'social', utm_campaign: tags.campaign, utm_content: tags.content });
  parsed.search = [...kept, utm.toString()].join('&');
  return parsed.toString();
}

/**
 * `url` without its utm_* parameters, every other part kept byte for byte: how a link is shown to
 * supporters (the tags stay in what they share).
 */
export function removeUtmTags(url: string): string {
  const parsed = new URL(url);
  const kept = parsed.search
    .replace(/^\?/, '')
    .split('&')
    .filter((part) => part !== '' && !queryKey(part).startsWith('utm_'));
  parsed.search = kept.join('&');
  return parsed.toString();
}

/** The utm_content and utm_campaign of a link, or null when it has no utm_content (or is not a URL). */
export function readUtmContent(link: string): { content: string; campaign: string | null } | null {
  if (!URL.canParse(link)) return null;
  const params = new URL(link).searchParams;
  const content = params.get('utm_content');
  return content ? { content, campaign: params.get('utm_campaign') } : null;
}
