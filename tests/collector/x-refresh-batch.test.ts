// Turning an X lookup answer into a refreshed batch: a reading per post asked for (edited posts
// matched through their edit chain), originals of reposts, and removals only for the ids asked for.
import { describe, expect, test } from 'vitest';
import { refreshedBatch, removalReason } from '../../collector/networks/x/x-refresh.js';
import type { XLookupResponse, XTweet } from '../../collector/networks/x/x-schema.js';

const metrics = { retweet_count: 1, reply_count: 2, like_count: 3, quote_count: 4 };
const tweet = (id: string, extra: Partial<XTweet> = {}): XTweet => ({
  id,
  text: `post ${id} #jobquality`,
  author_id: '100',
  created_at: '2026-03-10T10:00:00.000Z',
  public_metrics: metrics,
  edit_history_tweet_ids: [id],
  ...extra,
});
const user = { id: '100', username: 'fairwork_org', name: 'Fair Work Org', public_metrics: { followers_count: 1200 } };

describe('refreshedBatch', () => {
  test('a post answered as asked gives its counts and author, and no new version of the post', () => {
    const answer: XLookupResponse = { data: [tweet('11')], includes: { users: [user] } };
    const batch = refreshedBatch([{ networkId: '11', refreshRef: '11' }], answer, answer.data!);
    expect(batch.readings).toHaveLength(1);
    expect(batch.readings[0]).toMatchObject({ networkId: '11', metrics: { likes: 3, reposts: 1, replies: 2, quotes: 4 }, author: { username: 'fairwork_org' } });
    expect(batch.readings[0]!.post).toBeUndefined();
    expect(batch).toMatchObject({ posts: [], removed: [] });
  });

  test('the latest version of an edited post is matched to the id asked for and replaces the stored text', () => {
    const latest = tweet('13', { text: 'final words #jobquality', edit_history_tweet_ids: ['11', '12', '13'] });
    const batch = refreshedBatch([{ networkId: '11', refreshRef: '11' }], { data: [latest], includes: { users: [user] } }, [latest]);
    expect(batch.readings[0]).toMatchObject({ networkId: '11', post: { networkId: '11', text: 'final words #jobquality' } });
  });

  test('without the author in the answer the reading keeps the stored author and text', () => {
    const latest = tweet('13', { edit_history_tweet_ids: ['11', '13'] });
    const batch = refreshedBatch([{ networkId: '11', refreshRef: '11' }], { data: [latest] }, [latest]);
    expect(batch.readings[0]!.author).toBeUndefined();
    expect(batch.readings[0]!.post).toBeUndefined();
  });

  test('only problems with the ids asked for are removals; problems with referenced posts are not', () => {
    const answer: XLookupResponse = {
      errors: [
        { parameter: 'ids', resource_id: '21', title: 'Not Found Error', type: 'https://api.twitter.com/2/problems/resource-not-found' },
        { parameter: 'ids', resource_id: '22', title: 'Authorization Error', type: 'https://api.twitter.com/2/problems/not-authorized-for-resource' },
        { parameter: 'referenced_tweets.id', resource_id: '99', title: 'Not Found Error', type: 'https://api.twitter.com/2/problems/resource-not-found' },
      ],
    };
    const batch = refreshedBatch(
      [
        { networkId: 'a', refreshRef: '21' },
        { networkId: 'b', refreshRef: '22' },
      ],
      answer,
      [],
    );
    expect(batch.removed).toEqual([
      { networkId: 'a', reason: 'deleted' },
      { networkId: 'b', reason: 'no longer visible (protected account)' },
    ]);
    expect(batch.readings).toEqual([]);
  });

  test('the original of a refreshed repost comes with the batch when the answer holds it only in includes', () => {
    const original = tweet('50', { text: 'the original #jobquality' });
    const repost = tweet('51', { text: 'RT @fairwork_org: the original #jobquality', referenced_tweets: [{ type: 'retweeted', id: '50' }] });
    const answer: XLookupResponse = { data: [repost], includes: { users: [user], tweets: [original] } };
    const batch = refreshedBatch([{ networkId: '51', refreshRef: '51' }], answer, [repost]);
    expect(batch.posts!.map((post) => post.networkId)).toEqual(['50']);
    expect(batch.readings[0]!.post).toBeDefined();
  });
});

describe('removalReason', () => {
  test('a suspended author is told apart from a deleted post', () => {
    expect(removalReason({ title: 'Forbidden', type: 'about:blank' })).toBe('author suspended');
    expect(removalReason({ title: 'Not Found Error', type: 'https://api.twitter.com/2/problems/resource-not-found' })).toBe('deleted');
  });
});
