// The action page's cards: one per message (shareable), each with its text for every network the
// supporter can pick, the link shown without tracking tags, in the order supporters need them
// (upcoming events first, past events left off). Pure: the page renders these.
import type { Content, ContentImage, Resource, ResourceKind } from '../content-schema.js';
import type { GeneratedShareables, SharePost } from '../generate-posts.js';
import { networkLabel, shareNetworkIds, type ShareNetwork } from '../networks.js';
import { measurePost } from '../post-length.js';
import { addUtmTags, removeUtmTags } from '../utm.js';
import { shareHref } from './share-links.js';

/** The phone's own share menu (navigator.share): for apps without a share link, such as WhatsApp, Signal and Instagram. */
export const SHARE_MENU = 'apps';

/** What a supporter can choose to post to on the page: a share network, or the share menu. */
export type PageNetwork = ShareNetwork | typeof SHARE_MENU;

/** Every choice of the page's network picker: the registry's share networks, then the share menu. */
export function pageNetworkIds(): PageNetwork[] {
  return [...shareNetworkIds(), SHARE_MENU];
}

/** How a choice reads in the page's network picker. */
export function pageNetworkLabel(network: PageNetwork): string {
  return network === SHARE_MENU ? 'Other apps: WhatsApp, Signal, Instagram…' : networkLabel(network);
}

/** One message on one network, as the page shows and shares it. */
export interface CardVariant {
  /** The whole post as shared (copied, or sent to the network), tracking tags included. */
  text: string;
  /** The tagged link inside `text`. */
  link: string;
  /** `link` without its utm_* tags: what the page shows in place of `link`. */
  shownLink: string;
  /** The share button's target (Mastodon's contains `{server}`); null for the share menu, which the script opens. */
  share: string | null;
}

export interface ActionCard {
  shareableId: string;
  resourceId: string;
  kind: ResourceKind;
  title: string;
  /** The event's time as people read it, or null. */
  when: string | null;
  /** The event's date (YYYY-MM-DD), or null. */
  date: string | null;
  /** Attached when shared through the share menu; `src` is relative to the page folder. */
  image: { src: string; alt: string } | null;
  variants: Partial<Record<PageNetwork, CardVariant>>;
}

export interface CardsInput {
  content: Content;
  generated: GeneratedShareables;
  publicBaseUrl: string | null;
  /** Each image's name in the page's images/ folder, by its source path. */
  imageNames: ReadonlyMap<string, string>;
  /** Today's date (YYYY-MM-DD) where the campaign is: events before it are over. */
  today: string;
}

export interface ActionCards {
  cards: ActionCard[];
  /** Events whose date has passed: left off the page (the staff tools say so). */
  pastEvents: Resource[];
}

/** The text with its link shown clean (no tracking tags), as a supporter reads it on the card. */
export function shownText(variant: Pick<CardVariant, 'text' | 'link' | 'shownLink'>): string {
  const at = variant.text.lastIndexOf(variant.link);
  return at === -1 ? variant.text : variant.text.slice(0, at) + variant.shownLink + variant.text.slice(at + variant.link.length);
}

function variantOf(post: SharePost, publicBaseUrl: string | null): CardVariant {
  return { text: post.text, link: post.link, shownLink: removeUtmTags(post.link), share: shareHref(post, publicBaseUrl) };
}

/**
 * The share-menu version of a message: the first of its posts (in registry order) that, with its
 * link tagged utm_source=apps, fits every share network, since the supporter may pick any app from
 * the menu (X or Bluesky as well as WhatsApp or Signal). Null when none does (for example a long
 * form written for LinkedIn only).
 */
export function shareMenuVariant(posts: readonly SharePost[], campaign: string): CardVariant | null {
  const networks = shareNetworkIds();
  for (const network of networks) {
    const post = posts.find((candidate) => candidate.network === network);
    if (!post) continue;
    const link = addUtmTags(post.link, { source: SHARE_MENU, campaign, content: post.shareableId });
    const text = post.text.slice(0, post.text.lastIndexOf(post.link)) + link;
    if (networks.every((target) => measurePost(target, text).fits)) return { text, link, shownLink: removeUtmTags(link), share: null };
  }
  return null;
}

/** A resource's image as the page folder holds it (`src` relative to the folder); null without one. */
export function pageImage(image: ContentImage | undefined, imageNames: ReadonlyMap<string, string>): ActionCard['image'] {
  const name = image ? imageNames.get(image.src) : undefined;
  return image && name ? { src: `images/${name}`, alt: image.alt } : null;
}

/** The card of one shareable: its resource's title, time and image, one variant per network and the share menu's. */
function cardOf(shareableId: string, resource: Resource, posts: readonly SharePost[], input: CardsInput): ActionCard {
  const variants: ActionCard['variants'] = {};
  for (const post of posts) variants[post.network] = variantOf(post, input.publicBaseUrl);
  const menu = shareMenuVariant(posts, input.generated.campaign);
  if (menu) variants[SHARE_MENU] = menu;
  const { id: resourceId, kind, title, when, date, image } = resource;
  return { shareableId, resourceId, kind, title, when: when ?? null, date: date ?? null, image: pageImage(image, input.imageNames), variants };
}

/** Cards for every shareable with at least one post: upcoming events by date, then the rest in file order. */
export function buildActionCards(input: CardsInput): ActionCards {
  const { content, generated } = input;
  const resources = new Map(content.resources.map((resource) => [resource.id, resource]));
  const postsByShareable = new Map<string, SharePost[]>();
  for (const post of generated.posts) {
    const list = postsByShareable.get(post.shareableId) ?? [];
    list.push(post);
    postsByShareable.set(post.shareableId, list);
  }
  const cards: ActionCard[] = [];
  for (const shareable of generated.shareables) {
    const resource = resources.get(shareable.resourceId);
    const posts = postsByShareable.get(shareable.id) ?? [];
    if (!resource || posts.length === 0 || (resource.date !== undefined && resource.date < input.today)) continue;
    cards.push(cardOf(shareable.id, resource, posts, input));
  }
  // Array.prototype.sort is stable: cards of equal rank keep file order.
  const rank = (card: ActionCard) => (card.date === null ? '~' : card.date);
  cards.sort((a, b) => (rank(a) < rank(b) ? -1 : rank(a) > rank(b) ? 1 : 0));
  const pastEvents = content.resources.filter((resource) => resource.date !== undefined && resource.date < input.today);
  return { cards, pastEvents };
}
