// GET /api/top-posts: a page of the range's posts in one order.
import { z } from 'zod';
import { POST_KINDS } from '../../core/types.js';
import { count, isoInstant, networkId } from './common.js';

/** The orders the top-posts list can be asked in (`by`). */
export const TOP_POSTS_ORDERS = ['engagements', 'impressions', 'recent'] as const;
export const topPostsOrder = z.enum(TOP_POSTS_ORDERS);
export const postKind = z.enum(POST_KINDS);

/** A count the network may not report (null: not reported, never 0). */
const reported = count.nullable();

export const topPost = z.strictObject({
  network: networkId,
  id: z.string(),
  url: z.string(),
  author: z.strictObject({ username: z.string(), displayName: z.string().nullable(), followers: reported }),
  createdAt: isoInstant,
  kind: postKind,
  /** Untrusted text from a social network: render as text only. */
  text: z.string(),
  hashtags: z.array(z.string()),
  metrics: z.strictObject({ likes: reported, reposts: reported, replies: reported, quotes: reported, bookmarks: reported, impressions: reported }),
  engagements: count,
});

export const topPostsAnswer = z.strictObject({ total: count, posts: z.array(topPost) });
