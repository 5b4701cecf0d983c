// Where each post's share button points: straight at the network's intent URL, or, when the server's
// public URL is configured, through its /s/<shareable>/<network> redirect that counts clicks.
import type { SharePost } from '../generate-posts.js';
import { mastodonSharePath, shareIntentUrl } from '../share-intents.js';

/** Stands for the supporter's Mastodon server host in a Mastodon share link; the page fills it in. */
export const SERVER_SLOT = '{server}';

/** The redirect path for a post, below the public base URL: /s/<shareable id>/<network>. */
export function shareRedirectPath(post: Pick<SharePost, 'shareableId' | 'network'>): string {
  return `/s/${encodeURIComponent(post.shareableId)}/${post.network}`;
}

/**
 * The share button's link. For Mastodon it contains SERVER_SLOT (in the host for a direct link,
 * in ?server= for the redirect), which the page replaces with the supporter's server.
 */
export function shareHref(post: SharePost, publicBaseUrl: string | null): string {
  if (publicBaseUrl) {
    const base = publicBaseUrl.replace(/\/+$/, '') + shareRedirectPath(post);
    return post.network === 'mastodon' ? `${base}?server=${SERVER_SLOT}` : base;
  }
  if (post.network === 'mastodon') return `https://${SERVER_SLOT}${mastodonSharePath(post)}`;
  return shareIntentUrl(post.network, post);
}
