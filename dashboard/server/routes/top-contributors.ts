// GET /api/top-contributors: the accounts that posted most (or reached or engaged most) in the range.
import type { Hono } from 'hono';
import { z } from 'zod';
import { getTopContributors } from '../../../db/analytics-top.js';
import { oneOf, wholeNumber } from '../query-params.js';
import type { ApiDeps } from './api-deps.js';

const TOP_CONTRIBUTOR_ORDERS = ['posts', 'engagements', 'reach'] as const;

export function topContributorsRoutes(api: Hono, deps: ApiDeps): void {
  api.get('/top-contributors', (c) => {
    const { filters, params } = deps.parse(c, {
      by: z.enum(TOP_CONTRIBUTOR_ORDERS, { error: oneOf(TOP_CONTRIBUTOR_ORDERS) }).default('posts'),
      limit: wholeNumber(1, 100).default(10),
    });
    return c.json({ contributors: getTopContributors(deps.db, filters.range, filters.scope, params) });
  });
}
