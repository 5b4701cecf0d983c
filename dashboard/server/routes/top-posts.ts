// GET /api/top-posts: the range's posts in one order, a page at a time.
import type { Hono } from 'hono';
import { getTopPosts } from '../../../db/analytics-top.js';
import { choice, wholeNumber } from '../query-params.js';
import { isoUtc } from '../time-range.js';
import type { ApiDeps } from './api-deps.js';
import { TOP_POSTS_ORDERS } from '../../contract/top-posts.js';
import type { TopPostsResponse } from '../../contract/index.js';

export function topPostsRoutes(api: Hono, deps: ApiDeps): void {
  api.get('/top-posts', (c) => {
    const { filters, params } = deps.parse(c, {
      by: choice(TOP_POSTS_ORDERS).default('engagements'),
      limit: wholeNumber(1, 100).default(10),
      offset: wholeNumber(0, 1_000_000).default(0),
    });
    const page = getTopPosts(deps.db, filters.range, filters.scope, params);
    return c.json({ total: page.total, posts: page.posts.map((post) => ({ ...post, createdAt: isoUtc(post.createdAt) })) } satisfies TopPostsResponse);
  });
}
