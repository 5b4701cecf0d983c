// Share of voice against hand-computed answers: shares per bucket and over the range, people counted
// once across both sides and buckets, uncollected buckets left out, comparators collected late.
import { describe, expect, test } from 'vitest';
import { comparatorBucketStatus, shareOfVoice, type SovBucketInput } from '../../core/share-of-voice.js';

const DAY = 86_400_000;
const D0 = Date.parse('2026-11-02T05:00:00Z');
const day = (n: number) => ({ start: D0 + n * DAY, end: D0 + (n + 1) * DAY });
const voice = (posts: number, people: string[], engagements: number) => ({ posts, people, engagements });

const buckets: SovBucketInput[] = [
  { ...day(0), status: 'complete', campaign: voice(6, ['a', 'b', 'c'], 40), comparators: { fairpay: { only: voice(2, ['c', 'd'], 10), overlapPosts: 1 } } },
  { ...day(1), status: 'complete', campaign: voice(3, ['a'], 0), comparators: { fairpay: { only: voice(9, ['e', 'f'], 30), overlapPosts: 0 } } },
  // Not collected: whatever it holds must count nowhere.
  { ...day(2), status: 'not_collected', campaign: voice(500, ['z'], 900), comparators: { fairpay: { only: voice(1, ['y'], 1), overlapPosts: 7 } } },
];

describe('share of voice', () => {
  test('each bucket gives the campaign share of posts, people and engagements against the comparator', () => {
    const [fairpay] = shareOfVoice({ comparators: ['fairpay'], collectedSince: { fairpay: D0 - 7 * DAY }, buckets });
    expect(fairpay!.points.map((point) => point.figures?.share)).toEqual([
      { posts: 0.75, people: 0.75, engagements: 0.8 },
      { posts: 0.25, people: 0.3333, engagements: 0 },
      undefined,
    ]);
    expect(fairpay!.points[0]!.figures).toMatchObject({ campaign: { posts: 6, people: 3, engagements: 40 }, comparator: { posts: 2, people: 2, engagements: 10 }, overlapPosts: 1 });
  });

  test('the range total counts only collected buckets, and each person once across buckets and sides', () => {
    const [fairpay] = shareOfVoice({ comparators: ['fairpay'], collectedSince: { fairpay: D0 - 7 * DAY }, buckets });
    expect(fairpay!.total).toEqual({
      campaign: { posts: 9, people: 3, engagements: 40 },
      comparator: { posts: 11, people: 4, engagements: 40 },
      overlapPosts: 1,
      // 9 of 20 posts; 3 of the 6 people (c posted on both sides); 40 of 80 engagements.
      share: { posts: 0.45, people: 0.5, engagements: 0.5 },
    });
    expect(fairpay!.bucketsLeftOut).toBe(1);
    expect(fairpay!.points[2]).toMatchObject({ status: 'not_collected', figures: null });
  });

  test('people given as whole-number codes (author ids) are counted exactly as the same people given as names', () => {
    // Repeats inside a side and a bucket too: a code list need not be distinct.
    const code = (people: readonly (string | number)[]) => people.map((person) => 'abcdefyz'.indexOf(String(person)) * 1000);
    const coded = buckets.map((bucket) => ({
      ...bucket,
      campaign: { ...bucket.campaign, people: [...code(bucket.campaign.people), ...code(bucket.campaign.people)] },
      comparators: { fairpay: { ...bucket.comparators.fairpay!, only: { ...bucket.comparators.fairpay!.only, people: code(bucket.comparators.fairpay!.only.people) } } },
    }));
    const input = { comparators: ['fairpay'], collectedSince: { fairpay: D0 - 7 * DAY } };
    expect(shareOfVoice({ ...input, buckets: coded })).toEqual(shareOfVoice({ ...input, buckets }));
    expect(shareOfVoice({ ...input, buckets: coded })[0]!.total).toMatchObject({ campaign: { people: 3 }, comparator: { people: 4 } });
  });

  test('a comparator first collected in the middle of the range is not compared with the days before it', () => {
    const [late] = shareOfVoice({ comparators: ['late'], collectedSince: { late: D0 + 1.5 * DAY }, buckets });
    expect(late!.points.map((point) => point.status)).toEqual(['not_collected', 'partial', 'not_collected']);
    expect(late!.total).toMatchObject({ campaign: { posts: 3 }, comparator: { posts: 0 }, share: { posts: 1, people: 1, engagements: null } });
  });

  test('comparators asked together, collected over different days, each get the figures they get alone', () => {
    const collectedSince = { fairpay: D0 - 7 * DAY, late: D0 + 1.5 * DAY, again: D0 - DAY };
    const together = shareOfVoice({ comparators: ['fairpay', 'late', 'again'], collectedSince, buckets });
    const alone = ['fairpay', 'late', 'again'].flatMap((tag) => shareOfVoice({ comparators: [tag], collectedSince, buckets }));
    expect(together).toEqual(alone);
    expect(together[1]!.total!.campaign.people).toBe(1);
    expect(together[2]!.total!.campaign.people).toBe(3);
  });

  test('a comparator never collected has no figures at all', () => {
    const [never] = shareOfVoice({ comparators: ['never'], collectedSince: { never: null }, buckets });
    expect(never!.total).toBeNull();
    expect(never!.points.every((point) => point.figures === null)).toBe(true);
  });

  test('a bucket where neither side posted has no share rather than 0% or 100%', () => {
    const quiet: SovBucketInput = { ...day(0), status: 'complete', campaign: voice(0, [], 0), comparators: {} };
    const [result] = shareOfVoice({ comparators: ['fairpay'], collectedSince: { fairpay: 0 }, buckets: [quiet] });
    expect(result!.points[0]!.figures!.share).toEqual({ posts: null, people: null, engagements: null });
  });

  test("a bucket keeps the campaign's running status once the comparator is collected", () => {
    expect(comparatorBucketStatus('in_progress', day(0), D0 - DAY)).toBe('in_progress');
    expect(comparatorBucketStatus('partial', day(0), D0 - DAY)).toBe('partial');
    expect(comparatorBucketStatus('complete', day(0), D0 + DAY)).toBe('not_collected');
  });
});
