// GET /api/top-contributors: the accounts that posted, engaged or reached most in the range.
import { z } from 'zod';
import { count, networkId } from './common.js';

/** The orders the top-contributors list can be asked in (`by`). */
export const CONTRIBUTORS_ORDERS = ['posts', 'engagements', 'reach'] as const;
export const contributorsOrder = z.enum(CONTRIBUTORS_ORDERS);

export const contributor = z.strictObject({
  network: networkId,
  username: z.string(),
  displayName: z.string().nullable(),
  followers: count.nullable(),
  posts: count,
  engagements: count,
});

export const topContributorsAnswer = z.strictObject({ contributors: z.array(contributor) });
