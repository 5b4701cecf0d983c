// posts.json: the action page's posts as data, for other sites and tools to reuse.
import type { Content, ResourceKind } from '../content-schema.js';
import type { GeneratedShareables, SharePost } from '../generate-posts.js';
import { pageImage } from './page-cards.js';
import { SERVER_SLOT, shareHref } from './share-links.js';

/** One ready-made post as the feed lists it: the generated post, with an id and its share button target. */
export interface FeedPost extends Pick<SharePost, 'shareableId' | 'resourceId' | 'kind' | 'network' | 'text' | 'link' | 'length' | 'limit'> {
  /** `<shareable id>/<network>`. */
  id: string;
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
    resources: content.resources.map(({ id, kind, title, url, summary, stat, when, quote, image }) => ({
      id, kind, title, url, summary, stat: stat ?? null, when: when ?? null, quote, image: pageImage(image, imageNames),
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
