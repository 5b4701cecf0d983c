// Mapping Bluesky postViews to normalised posts: kinds, tags, links, times and addresses.
import { describe, expect, test } from 'vitest';
import { blueskyPost, postUrl, sortTime } from '../../collector/networks/bluesky/bluesky-normalize.js';
import { postViewSchema } from '../../collector/networks/bluesky/bluesky-schema.js';

const DID = 'did:plc:ewvi7nxzyoun6zhxrhs64oiz';
const URI = `at://${DID}/app.bsky.feed.post/3l6oveex3ii2l`;

/** A postView as the AppView sends it, validated by the adapter's own schema. */
function view(record: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return postViewSchema.parse({
    uri: URI,
    cid: 'bafyreihb6e5sfrkc5dxhd2z5uy3u3b2ocmxwqnwodvzj4jivl5ivh6hfbu',
    author: { did: DID, handle: 'ana.bsky.social', displayName: 'Ana' },
    record: { $type: 'app.bsky.feed.post', text: 'hello', createdAt: '2026-03-10T11:59:00.000Z', ...record },
    indexedAt: '2026-03-10T12:00:00.000Z',
    ...extra,
  });
}

describe('bluesky-normalize', () => {
  test('a reply is a reply even when it also quotes', () => {
    const ref = { uri: `at://${DID}/app.bsky.feed.post/3l6parent222`, cid: 'bafyreiabc' };
    const post = blueskyPost(view({ reply: { root: ref, parent: ref }, embed: { $type: 'app.bsky.embed.record', record: ref } }), undefined);
    expect(post.kind).toBe('reply');
  });

  test('embedding a post makes a quote, with or without media', () => {
    const ref = { uri: `at://${DID}/app.bsky.feed.post/3l6quoted222`, cid: 'bafyreiabc' };
    expect(blueskyPost(view({ embed: { $type: 'app.bsky.embed.record', record: ref } }), undefined).kind).toBe('quote');
    const withMedia = { $type: 'app.bsky.embed.recordWithMedia', record: { $type: 'app.bsky.embed.record', record: ref }, media: { $type: 'app.bsky.embed.images', images: [] } };
    expect(blueskyPost(view({ embed: withMedia }), undefined).kind).toBe('quote');
  });

  test('embedding a feed or list is not a quote', () => {
    const feed = { uri: `at://${DID}/app.bsky.feed.generator/whats-hot`, cid: 'bafyreiabc' };
    expect(blueskyPost(view({ embed: { $type: 'app.bsky.embed.record', record: feed } }), undefined).kind).toBe('original');
  });

  test('tags from facets and the tags field are merged, lower-cased and unique; mentions are ignored', () => {
    const facets = [
      { index: { byteStart: 0, byteEnd: 11 }, features: [{ $type: 'app.bsky.richtext.facet#tag', tag: 'JobQuality' }] },
      { index: { byteStart: 12, byteEnd: 20 }, features: [{ $type: 'app.bsky.richtext.facet#mention', did: DID }] },
      { index: { byteStart: 21, byteEnd: 30 }, features: [{ $type: 'app.bsky.richtext.facet#tag', tag: '#doublehash' }] },
    ];
    const post = blueskyPost(view({ facets, tags: ['jobquality', 'FairPay'] }), undefined);
    expect(post.hashtags).toEqual(['jobquality', 'doublehash', 'fairpay']);
  });

  test('an unparseable createdAt falls back to the time the service indexed the post', () => {
    const post = blueskyPost(view({ createdAt: 'yesterday-ish' }), undefined);
    expect(post.createdAt).toBe(Date.parse('2026-03-10T12:00:00.000Z'));
  });

  test('a createdAt in the future does not sort the post into the future', () => {
    expect(sortTime(view({ createdAt: '2030-01-01T00:00:00.000Z' }))).toBe(Date.parse('2026-03-10T12:00:00.000Z'));
    expect(sortTime(view({}))).toBe(Date.parse('2026-03-10T11:59:00.000Z'));
  });

  test('counts the AppView leaves out are unknown, not zero', () => {
    const post = blueskyPost(view({}, { likeCount: 4 }), { followers: 12 });
    expect(post.metrics).toEqual({ likes: 4, reposts: null, replies: null, quotes: null, bookmarks: null, impressions: null });
    expect(post.author.followers).toBe(12);
  });

  test('the post address uses the handle, or the DID when the handle is invalid', () => {
    expect(postUrl(URI, 'Ana.bsky.social')).toBe('https://bsky.app/profile/ana.bsky.social/post/3l6oveex3ii2l');
    expect(postUrl(URI, 'handle.invalid')).toBe(`https://bsky.app/profile/${DID}/post/3l6oveex3ii2l`);
  });
});
