// The amplifier ranking and its account map: mapped accounts merge into one person, ranked once;
// the map's mistakes are reported with their line and column.
import { describe, expect, test } from 'vitest';
import { AccountMapError, NO_ACCOUNT_MAP, parseAccountMap } from '../../core/amplifier-accounts.js';
import { rankAmplifiers, type AccountActivity } from '../../core/amplifiers.js';

const T = Date.parse('2026-11-01T12:00:00Z');
const account = (network: string, username: string, figures: Partial<AccountActivity>): AccountActivity => ({
  network,
  accountId: `${network}:${username}-id`,
  username,
  displayName: null,
  posts: 0,
  reposts: 0,
  reach: null,
  engagements: 0,
  readyMadePosts: 0,
  firstSeenAt: T,
  ...figures,
});

const activity = [
  account('x', 'AnaRuiz', { posts: 2, reach: 3000, engagements: 40, readyMadePosts: 1, firstSeenAt: T + 5 }),
  account('mastodon', 'ana@social.example', { posts: 1, reposts: 2, reach: 2500, engagements: 10, firstSeenAt: T + 1 }),
  account('bluesky', 'bigvoice.bsky.social', { posts: 1, reach: 5000, engagements: 5 }),
  account('x', 'quiet', { reposts: 1, reach: null }),
];

const MAP = `people:
  - name: Ana Ruiz
    x: '@anaruiz'
    mastodon: [ana@social.example]
`;

describe('amplifiers', () => {
  test("a person's mapped accounts are ranked once, with their reach, engagements and ready-made posts added up", () => {
    const ranked = rankAmplifiers(activity, parseAccountMap(MAP, 'people.yaml'), 'reach', 10);
    expect(ranked.map((entry) => [entry.rank, entry.person ?? entry.accounts[0]!.username, entry.reach])).toEqual([
      [1, 'Ana Ruiz', 5500],
      [2, 'bigvoice.bsky.social', 5000],
      [3, 'quiet', null],
    ]);
    expect(ranked[0]).toMatchObject({ posts: 3, reposts: 2, engagements: 50, readyMadePosts: 1, firstSeenAt: T + 1 });
    expect(ranked[0]!.accounts.map((entry) => entry.network)).toEqual(['x', 'mastodon']);
  });

  test('without a map every account stands alone', () => {
    const ranked = rankAmplifiers(activity, NO_ACCOUNT_MAP, 'reach', 2);
    expect(ranked.map((entry) => entry.accounts[0]!.username)).toEqual(['bigvoice.bsky.social', 'AnaRuiz']);
  });

  test('other orders rank by engagements, ready-made posts used or posts', () => {
    const map = parseAccountMap(MAP, 'people.yaml');
    expect(rankAmplifiers(activity, map, 'engagements', 1)[0]!.person).toBe('Ana Ruiz');
    expect(rankAmplifiers(activity, NO_ACCOUNT_MAP, 'ready_made', 1)[0]!.accounts[0]!.username).toBe('AnaRuiz');
    expect(rankAmplifiers(activity, NO_ACCOUNT_MAP, 'posts', 1)[0]!.accounts[0]!.username).toBe('ana@social.example');
  });
});

describe('the amplifier account map', () => {
  const problems = (source: string) => {
    try {
      parseAccountMap(source, 'people.yaml');
    } catch (error) {
      if (error instanceof AccountMapError) return error.message;
      throw error;
    }
    throw new Error('the map was accepted');
  };

  test('an account given to two people is refused, naming both and the line', () => {
    const message = problems('people:\n  - name: Ana\n    x: ana\n  - name: Bo\n    x: ANA\n');
    expect(message).toContain('people.yaml:4:5: x account ana is already Ana\'s');
  });

  test('an unknown network, a missing name and a person without accounts are each reported', () => {
    const message = problems('people:\n  - name: Ana\n    myspace: ana\n  - x: bo\n  - name: Cy\n');
    expect(message).toContain('people.yaml:3:5: unknown field "myspace"');
    expect(message).toContain('people.yaml:4:5: name is required');
    expect(message).toContain('people.yaml:5:5: lists no account');
  });

  test('a file without a people list says what it should look like', () => {
    expect(problems('- ana\n')).toContain('must hold a "people:" list');
    expect(problems('people: [\n')).toContain('YAML syntax');
  });
});
