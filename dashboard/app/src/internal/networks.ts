// How each network is named and coloured everywhere in the app (colours keep at least 3:1
// contrast against the white cards, as WCAG asks of graphics).
import type { Network } from '../api/api-types.js';

export const NETWORK_LABELS: Readonly<Record<Network, string>> = {
  x: 'X',
  bluesky: 'Bluesky',
  mastodon: 'Mastodon',
};

export const NETWORK_COLORS: Readonly<Record<Network, string>> = {
  x: '#1f2328',
  bluesky: '#0a66c2',
  mastodon: '#6b3fc0',
};

/** Series colours of the reach chart. */
export const METRIC_COLORS = {
  impressions: '#0b5fa5',
  potentialReach: '#b04a0c',
  engagements: '#1a7a48',
} as const;
