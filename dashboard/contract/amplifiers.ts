// GET /api/amplifiers: the people who spread the campaign furthest in the range, one person's mapped
// accounts (AMPLIFIER_ACCOUNTS_FILE) merged into one entry.
import { z } from 'zod';
import { count, isoInstant, networkId, rangeInZone } from './common.js';
import { intelligenceDefinition } from './share-of-voice.js';

export const amplifierOrder = z.enum(['reach', 'engagements', 'ready_made', 'posts']);

export const amplifier = z.strictObject({
  rank: count,
  /** The mapped person's name (staff-written), or null for an account on its own. */
  person: z.string().nullable(),
  /** Handles and display names from the networks: untrusted text. */
  accounts: z.array(z.strictObject({ network: networkId, username: z.string(), displayName: z.string().nullable() })),
  posts: count,
  reposts: count,
  reach: count.nullable(),
  engagements: count,
  readyMadePosts: count,
  firstSeenAt: isoInstant,
});

export const amplifiersAnswer = z.strictObject({
  range: rangeInZone,
  by: amplifierOrder,
  accountMap: z.strictObject({ loaded: z.boolean(), people: count }),
  amplifiers: z.array(amplifier),
  definitions: z.array(intelligenceDefinition),
});
