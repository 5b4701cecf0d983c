// GET /api/hashtags: the hashtags used most alongside the tracked ones.
import type { Hono } from 'hono';
import { getCoOccurringHashtags } from '../../../db/analytics-top.js';
import { wholeNumber } from '../query-params.js';
import type { ApiDeps } from './api-deps.js';
import type { HashtagsResponse } from '../../contract/index.js';

export function hashtagsRoutes(api: Hono, deps: ApiDeps): void {
  api.get('/hashtags', (c) => {
    const { filters, params } = deps.parse(c, { limit: wholeNumber(1, 100).default(20) });
    return c.json({ hashtags: getCoOccurringHashtags(deps.db, filters.range, filters.scope, { limit: params.limit, exclude: deps.hashtags }) } satisfies HashtagsResponse);
  });
}
