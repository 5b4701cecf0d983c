// GET /api/top-contributors: the accounts that posted most (or reached or engaged most) in the range.
import type { Hono } from 'hono';
import { getTopContributors } from '../../../db/analytics-top.js';
import { choice, wholeNumber } from '../query-params.js';
import type { ApiDeps } from './api-deps.js';
import { CONTRIBUTORS_ORDERS } from '../../contract/top-contributors.js';
import type { TopContributorsResponse } from '../../contract/index.js';

export function topContributorsRoutes(api: Hono, deps: ApiDeps): void {
  api.get('/top-contributors', (c) => {
    const { filters, params } = deps.parse(c, {
      by: choice(CONTRIBUTORS_ORDERS).default('posts'),
      limit: wholeNumber(1, 100).default(10),
    });
    return c.json({ contributors: getTopContributors(deps.db, filters.range, filters.scope, params) } satisfies TopContributorsResponse);
  });
}
