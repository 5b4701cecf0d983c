// GET /api/networks: the range's numbers per network.
import type { Hono } from 'hono';
import { getNetworkBreakdown } from '../../../db/analytics.js';
import type { ApiDeps } from './api-deps.js';
import type { NetworksResponse } from '../../contract/index.js';

export function networksRoutes(api: Hono, deps: ApiDeps): void {
  api.get('/networks', (c) => {
    const { filters } = deps.parse(c, {});
    return c.json({ networks: getNetworkBreakdown(deps.db, filters.range, filters.scope) } satisfies NetworksResponse);
  });
}
