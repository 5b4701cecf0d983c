// GET /api/networks: the range's numbers per network.
import { z } from 'zod';
import { count, networkId } from './common.js';

export const networkRow = z.strictObject({
  network: networkId,
  posts: count,
  contributors: count,
  engagements: count,
  /** Null for networks that do not report impressions. */
  impressions: count.nullable(),
});

export const networksAnswer = z.strictObject({ networks: z.array(networkRow) });
