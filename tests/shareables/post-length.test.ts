// Post lengths as each network counts them, against the official twitter-text conformance suite
// and hand-picked grapheme cases.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { countGraphemes, measurePost } from '../../shareables/post-length.js';
import { referenceUrl } from '../helpers/reference.js';

interface WeightedCase {
  description: string;
  text: string;
  expected: { weightedLength: number; valid: boolean };
}

const conformance = parse(readFileSync(referenceUrl('twitter-text-conformance/validate.yml'), 'utf8')) as {
  tests: Record<string, WeightedCase[]>;
};

// X counts with the v3 configuration (emoji count 2 whatever their code points). The suite's
// WeightedTweetsCounterTest section is for the retired v2 rules (emoji by code point), so it is not run.
const X_CASES = [...conformance.tests.WeightedTweetsWithDiscountedEmojiCounterTest!, ...conformance.tests.UnicodeDirectionalMarkerCounterTest!];

describe('post length', () => {
  test('the conformance suite has the weighted-length cases this test relies on', () => {
    expect(X_CASES.length).toBeGreaterThan(20);
  });

  test.each(X_CASES.map((item) => [item.description, item] as const))('X: %s', (_description, item) => {
    const measured = measurePost('x', item.text);
    expect(measured.length).toBe(item.expected.weightedLength);
    expect(measured.fits).toBe(item.expected.valid);
    expect(measured.limit).toBe(280);
  });

  test.each([
    ['an emoji family joined with ZWJ', '👨‍👩‍👧‍👦', 1],
    ['a flag (two regional indicators)', '🇺🇦', 1],
    ['a thumbs-up with a skin tone', '👍🏽', 1],
    ['a keycap sequence', '1️⃣', 1],
    ['e with a combining acute accent', 'e\u0301', 1],
    ['a letter with two stacked combining marks', 'a\u0308\u0301', 1],
    ['a Hangul syllable written as conjoining jamo', '\u1100\u1161\u11A8', 1],
    ['plain text with spaces', 'fix work', 8],
    ['a rainbow flag (ZWJ with a variation selector)', '🏳️‍🌈', 1],
  ])('Bluesky counts %s as graphemes', (_name, text, expected) => {
    expect(countGraphemes(text)).toBe(expected);
  });

  test('Bluesky allows 300 graphemes even when they take many more UTF-16 units', () => {
    const family = '👨‍👩‍👧‍👦';
    expect(measurePost('bluesky', family.repeat(300))).toMatchObject({ length: 300, fits: true });
    expect(measurePost('bluesky', family.repeat(301))).toMatchObject({ length: 301, fits: false });
  });

  test('Bluesky counts a link in full, as it stands in the text', () => {
    const link = `https://example.org/${'p'.repeat(100)}`;
    expect(measurePost('bluesky', `Read ${link}`).length).toBe(5 + link.length);
  });

  test('Mastodon counts every http(s) link as 23 characters however long it is', () => {
    const link = `https://example.org/research?${'q=1&'.repeat(50)}utm_source=mastodon`;
    expect(measurePost('mastodon', `${'a'.repeat(476)} ${link}`)).toMatchObject({ length: 500, fits: true });
    expect(measurePost('mastodon', `${'a'.repeat(477)} ${link}`)).toMatchObject({ length: 501, fits: false });
    expect(measurePost('mastodon', `${link} and ${link}`).length).toBe(23 + 5 + 23);
  });

  test('Mastodon counts a domain without a protocol as ordinary text', () => {
    expect(measurePost('mastodon', 'see example.org').length).toBe('see example.org'.length);
  });

  test('Mastodon counts an emoji sequence once', () => {
    expect(measurePost('mastodon', '🇺🇦 👨‍👩‍👧‍👦').length).toBe(3);
  });

  test('Threads allows 500 and LinkedIn 3,000, counting an emoji as the two units a text box counts', () => {
    expect(measurePost('threads', 'a'.repeat(500)).fits).toBe(true);
    expect(measurePost('threads', 'a'.repeat(501)).fits).toBe(false);
    expect(measurePost('linkedin', 'a'.repeat(2998) + '🐱')).toMatchObject({ length: 3000, fits: true });
    expect(measurePost('linkedin', 'a'.repeat(2999) + '🐱')).toMatchObject({ length: 3001, fits: false });
  });

  test('an empty or blank post fits no network', () => {
    for (const network of ['x', 'bluesky', 'mastodon', 'threads', 'linkedin', 'facebook'] as const) {
      expect(measurePost(network, '  ').fits).toBe(false);
    }
  });
});
