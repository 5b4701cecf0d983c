// Share intent URLs: the right address per network and values that survive percent-decoding intact.
import { describe, expect, test } from 'vitest';
import { InvalidMastodonServerError, normalizeMastodonServer, shareIntentUrl, textWithoutLink } from '../../shareables/share-intents.js';

const link = 'https://example.org/guide?a=1&utm_source=x&utm_content=guide.spotlight#top';
const message = 'Pay & hours: 1 in 4 🧑🏽‍🏭 workers\nlearn shifts late #JobQuality';
const content = { text: `${message}\n\n${link}`, link };

/** The query value as a browser would hand it to the network. */
function param(url: string, name: string): string | null {
  return new URL(url).searchParams.get(name);
}

describe('share intents', () => {
  test('X gets the text without the link, and the link as url=', () => {
    const url = shareIntentUrl('x', content);
    expect(url.startsWith('https://x.com/intent/post?text=')).toBe(true);
    expect(param(url, 'text')).toBe(message);
    expect(param(url, 'url')).toBe(link);
  });

  test('Threads gets the text without the link, and the link as url=', () => {
    const url = shareIntentUrl('threads', content);
    expect(url.startsWith('https://www.threads.com/intent/post?text=')).toBe(true);
    expect(param(url, 'text')).toBe(message);
    expect(param(url, 'url')).toBe(link);
  });

  test('Bluesky gets the whole text with the link inside', () => {
    const url = shareIntentUrl('bluesky', content);
    expect(url.startsWith('https://bsky.app/intent/compose?text=')).toBe(true);
    expect(param(url, 'text')).toBe(content.text);
  });

  test('LinkedIn and Facebook get the link only', () => {
    const linkedin = shareIntentUrl('linkedin', content);
    expect(linkedin.startsWith('https://www.linkedin.com/sharing/share-offsite/?url=')).toBe(true);
    expect([...new URL(linkedin).searchParams.keys()]).toEqual(['url']);
    expect(param(linkedin, 'url')).toBe(link);
    const facebook = shareIntentUrl('facebook', content);
    expect(facebook.startsWith('https://www.facebook.com/sharer/sharer.php?u=')).toBe(true);
    expect(param(facebook, 'u')).toBe(link);
  });

  test('Mastodon goes to the supporter\'s own server with the whole text', () => {
    const url = shareIntentUrl('mastodon', content, 'Mastodon.Social');
    expect(url.startsWith('https://mastodon.social/share?text=')).toBe(true);
    expect(param(url, 'text')).toBe(content.text);
  });

  test('&, #, newlines, spaces and emoji are percent-encoded so nothing leaks into other parameters or the fragment', () => {
    const url = shareIntentUrl('bluesky', content);
    const query = url.slice(url.indexOf('?'));
    expect(new URL(url).hash).toBe('');
    expect(query).not.toMatch(/[#\n ]/);
    expect(query).toContain('Pay%20%26%20hours');
    expect(query).toContain('%0Alearn');
    expect(query).toContain('%23JobQuality');
    // 🧑 is U+1F9D1: UTF-8 F0 9F A7 91.
    expect(query).toContain('%F0%9F%A7%91');
    // Spaces as %20: '+' means a space only to form decoders.
    expect(query).not.toContain('+');
    expect([...new URL(url).searchParams.keys()]).toEqual(['text']);
  });

  test('the text without the link drops the link and the blank line before it', () => {
    expect(textWithoutLink(content)).toBe(message);
    expect(textWithoutLink({ text: 'no link here', link })).toBe('no link here');
  });

  test.each([
    ['mastodon.social', 'mastodon.social'],
    ['  MAS.TO  ', 'mas.to'],
    ['https://hachyderm.io/about', 'hachyderm.io'],
    ['@someone@fosstodon.org', 'fosstodon.org'],
    ['someone@social.example.net', 'social.example.net'],
    ['mastodon.example:8443', 'mastodon.example:8443'],
  ])('a Mastodon server typed as "%s" is %s', (input, expected) => {
    expect(normalizeMastodonServer(input)).toBe(expected);
  });

  test.each(['', 'localhost', 'not a server', 'javascript:alert(1)', 'https://user:pw@mastodon.social', 'mastodon..social'])('a Mastodon server typed as "%s" is refused', (input) => {
    expect(() => normalizeMastodonServer(input)).toThrow(InvalidMastodonServerError);
  });

  test('a Mastodon intent without a server is refused with a message saying what to type', () => {
    expect(() => shareIntentUrl('mastodon', content)).toThrow(/for example mastodon\.social/);
  });
});
