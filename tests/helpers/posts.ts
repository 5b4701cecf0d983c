// Builders for normalised posts, for tests of the store and the run loop.
import type { MetricReading, Network, NormalizedPost } from '../../core/types.js';

export function reading(values: Partial<MetricReading> = {}): MetricReading {
  return { likes: 0, reposts: 0, replies: 0, quotes: 0, bookmarks: null, impressions: null, ...values };
}

export function makePost(id: string, overrides: Partial<NormalizedPost> & { network?: Network } = {}): NormalizedPost {
  const network = overrides.network ?? 'x';
  return {
    network,
    networkId: id,
    refreshRef: id,
    url: `https://example.test/${network}/${id}`,
    createdAt: Date.parse('2026-11-20T12:00:00Z'),
    text: `Post ${id} about #jobquality`,
    lang: 'en',
    kind: 'original',
    hashtags: ['jobquality'],
    links: [],
    author: { networkId: `author-${id}`, username: `user${id}`, displayName: `User ${id}`, followers: 100, verified: false },
    metrics: reading(),
    ...overrides,
  };
}
