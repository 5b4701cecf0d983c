// The networks supporters can share to from the action page, with their names and post limits.
// Wider than core's NETWORKS: we can hand out posts for Threads, LinkedIn and Facebook but not collect them.

export const SHARE_NETWORKS = ['x', 'bluesky', 'mastodon', 'threads', 'linkedin', 'facebook'] as const;
export type ShareNetwork = (typeof SHARE_NETWORKS)[number];

/** How people know each network, for buttons, badges and messages. */
export const NETWORK_LABELS: Readonly<Record<ShareNetwork, string>> = {
  x: 'X',
  bluesky: 'Bluesky',
  mastodon: 'Mastodon',
  threads: 'Threads',
  linkedin: 'LinkedIn',
  facebook: 'Facebook',
};

/**
 * Longest post each network accepts, in that network's own unit (see post-length.ts for how each is counted).
 * Facebook's hard limit is 63,206 characters, which is meaningless for a share post; we hold
 * Facebook to LinkedIn's 3,000 so a post written for one fits the other, and the feed's
 * "See more" fold is what really matters there (templates keep posts short).
 */
export const NETWORK_LIMITS: Readonly<Record<ShareNetwork, number>> = {
  x: 280,
  bluesky: 300,
  mastodon: 500,
  threads: 500,
  linkedin: 3000,
  facebook: 3000,
};

/** Whether `value` names a share network. */
export function isShareNetwork(value: string): value is ShareNetwork {
  return (SHARE_NETWORKS as readonly string[]).includes(value);
}
