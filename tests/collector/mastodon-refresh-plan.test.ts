// Planning a Mastodon refresh: each post goes to the watched server it was collected from, posts
// from servers no longer watched (or with unreadable references) are counted and left alone, and
// posts whose author's home server is not watched are grouped to ask that home server first.
import { describe, expect, test } from 'vitest';
import { encodeRefreshRef } from '../../collector/networks/mastodon/mastodon-normalize.js';
import { planRefresh } from '../../collector/networks/mastodon/mastodon-refresh-plan.js';

const SOCIAL = 'https://mastodon.social';
const UNION = 'https://union.example';
const HOME = 'https://home.example';

describe('planRefresh', () => {
  test('posts are grouped by the watched server they were collected from, in the order asked', () => {
    const plan = planRefresh(
      [
        { networkId: 'a', refreshRef: encodeRefreshRef({ server: SOCIAL, id: '1' }) },
        { networkId: 'b', refreshRef: encodeRefreshRef({ server: UNION, id: '2' }) },
        { networkId: 'c', refreshRef: encodeRefreshRef({ server: SOCIAL, id: '3' }) },
      ],
      [SOCIAL, UNION],
    );
    expect([...plan.byServer.keys()]).toEqual([SOCIAL, UNION]);
    expect(plan.byServer.get(SOCIAL)!.map((item) => item.networkId)).toEqual(['a', 'c']);
    expect(plan).toMatchObject({ unreadable: 0, unwatched: 0 });
    expect(plan.byUnwatchedHome.size).toBe(0);
  });

  test('a server taken out of the watched list is not contacted, and unreadable references are counted apart', () => {
    const plan = planRefresh(
      [
        { networkId: 'a', refreshRef: encodeRefreshRef({ server: UNION, id: '1' }) },
        { networkId: 'b', refreshRef: 'not a reference' },
        { networkId: 'c', refreshRef: encodeRefreshRef({ server: SOCIAL, id: '3' }) },
      ],
      [SOCIAL],
    );
    expect([...plan.byServer.keys()]).toEqual([SOCIAL]);
    expect(plan).toMatchObject({ unreadable: 1, unwatched: 1 });
  });

  test('only posts whose home server is not watched are grouped under that home server', () => {
    const plan = planRefresh(
      [
        { networkId: 'remote', refreshRef: encodeRefreshRef({ server: SOCIAL, id: '1', home: { server: HOME, id: '91' } }) },
        { networkId: 'watched-home', refreshRef: encodeRefreshRef({ server: SOCIAL, id: '2', home: { server: UNION, id: '92' } }) },
      ],
      [SOCIAL, UNION],
    );
    expect([...plan.byUnwatchedHome.keys()]).toEqual([HOME]);
    expect(plan.byUnwatchedHome.get(HOME)!.map((item) => item.networkId)).toEqual(['remote']);
    // Both are still refreshed from the server they were collected from.
    expect(plan.byServer.get(SOCIAL)!.map((item) => item.networkId)).toEqual(['remote', 'watched-home']);
  });
});
