// posts.json: the action page's posts as data, for other sites and tools to reuse.
import type { Content, ResourceKind } from '../content-schema.js';
import type { GeneratedShareables } from '../generate-posts.js';
import type { ShareNetwork } from '../networks.js';
import { SERVER_SLOT, shareHref } from './share-links.js';

export interface FeedPost {
  /** `<shareable id>/<network>`. */
  id: string;
  shareableId: string;
  resourceId: string;
  kind: ResourceKind;
  network: ShareNetwork;
  text: string;
  link: string;
  length: number;
  limit: number;
  /** Share button target; for Mastodon it contains `{server}` for the supporter's server host. */
  share: string;
}

export interface PostsFeed {
  campaign: { name: string; title: string; description: string; hashtags: string[] };
  serverSlot: string;
  /** Image `src` is relative to the page folder. */
  resources: Array<{ id: string; kind: ResourceKind; title: string; url: string; summary: string; stat: string | null; when: string | null; quote: { text: string; attribution: string }; image: { src: string; alt: string } | null }>;
  posts: FeedPost[];
}

/** The feed for a generated set. `imageNames` maps each image's source path to its name in the page folder. */
export function buildPostsFeed(content: Content, generated: GeneratedShareables, publicBaseUrl: string | null, imageNames: ReadonlyMap<string, string>): PostsFeed {
  return {
    campaign: { name: content.campaign.name, title: content.campaign.title, description: content.campaign.description, hashtags: generated.hashtags },
    serverSlot: SERVER_SLOT,
    resources: content.resources.map((resource) => ({
      id: resource.id,
      kind: resource.kind,
      title: resource.title,
      url: resource.url,
      summary: resource.summary,
      stat: resource.stat ?? null,
      when: resource.when ?? null,
      quote: resource.quote,
      image: resource.image ? { src: `images/${imageNames.get(resource.image.src) ?? ''}`, alt: resource.image.alt } : null,
    })),
    posts: generated.posts.map((post) => ({
      id: `${post.shareableId}/${post.network}`,
      shareableId: post.shareableId,
      resourceId: post.resourceId,
      kind: post.kind,
      network: post.network,
      text: post.text,
      link: post.link,
      length: post.length,
      limit: post.limit,
      share: shareHref(post, publicBaseUrl),
    })),
  };
}
