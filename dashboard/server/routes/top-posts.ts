// GET /api/top-posts: the range's posts in one order, a page at a time.
import type { Hono } from 'hono';
import { z } from 'zod';
import { getTopPosts } from '../../../db/analytics-top.js';
import { oneOf, wholeNumber } from '../query-params.js';
import { isoUtc } from '../time-range.js';
import type { ApiDeps } from './api-deps.js';

const TOP_POST_ORDERS = ['engagements', 'impressions', 'recent'] as const;

export function topPostsRoutes(api: Hono, deps: ApiDeps): void {
  api.get('/top-posts', (c) => {
    const { filters, params } = deps.parse(c, {
      by: z.enum(TOP_POST_ORDERS, { error: oneOf(TOP_POST_ORDERS) }).default('engagements'),
      limit: wholeNumber(1, 100).default(10),
      offset: wholeNumber(0, 1_000_000).default(0),
    });
    const page = getTopPosts(deps.db, filters.range, filters.scope, params);
    return c.json({ total: page.total, posts: page.posts.map((post) => ({ ...post, createdAt: isoUtc(post.createdAt) })) });
  });
}
