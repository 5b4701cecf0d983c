// The post generator: every post within its network's real limit, with the campaign hashtag and an
// uncut tagged link; shorter forms before anything is left out; deterministic and never repeated.
import twitterText from 'twitter-text';
import { describe, expect, test } from 'vitest';
import { loadContentFile } from '../../shareables/content-file.js';
import { generateShareables, type SharePost } from '../../shareables/generate-posts.js';
import { postLimitOf, shareNetworkIds } from '../../shareables/networks.js';
import { fillTemplate } from '../../shareables/templates.js';
import { contentFixture, resourceFixture } from './content-fixture.js';

const SAMPLE = loadContentFile(new URL('../../shareables/sample-content.yaml', import.meta.url).pathname);
const sample = generateShareables(SAMPLE, { hashtags: ['jobquality'] });

const graphemes = (text: string) => [...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(text)].length;

/** The post's length counted independently of the generator, from each network's published rule. */
function independentLength(post: SharePost): number {
  switch (post.network) {
    case 'x':
      return twitterText.parseTweet(post.text).weightedLength;
    case 'bluesky':
      return graphemes(post.text);
    case 'mastodon':
      return graphemes(post.text.replace(/https?:\/\/\S+/g, 'x'.repeat(23)));
    default:
      return post.text.length;
  }
}

/** The message part of a post: its text before the hashtag line and the link. */
function messageOf(post: SharePost): string {
  return post.text.slice(0, post.text.length - post.link.length).trimEnd().replace(/\n\n(#[\p{L}\p{N}_]+ ?)+$/u, '');
}

describe('generate shareables', () => {
  test('the sample content yields posts for every network', () => {
    for (const network of shareNetworkIds()) expect(sample.posts.filter((post) => post.network === network).length).toBeGreaterThanOrEqual(SAMPLE.resources.length);
  });

  test('no post is longer than its network allows, counted by each network\'s own rule', () => {
    for (const post of sample.posts) {
      expect(independentLength(post), `${post.shareableId} on ${post.network}`).toBeLessThanOrEqual(postLimitOf(post.network));
      expect(post.length).toBe(independentLength(post));
    }
  });

  test('every post carries #jobquality as a hashtag', () => {
    for (const post of sample.posts) expect(post.text).toMatch(/(^|\s)#jobquality\b/i);
  });

  test('every post ends with its whole resource link, tagged for its network and shareable', () => {
    for (const post of sample.posts) {
      const resource = SAMPLE.resources.find((item) => item.id === post.resourceId)!;
      expect(post.text.endsWith(`\n\n${post.link}`)).toBe(true);
      const link = new URL(post.link);
      const original = new URL(resource.url);
      expect(link.origin + link.pathname).toBe(original.origin + original.pathname);
      expect(link.hash).toBe(original.hash);
      for (const [key, value] of original.searchParams) expect(link.searchParams.get(key)).toBe(value);
      expect(link.searchParams.get('utm_source')).toBe(post.network);
      expect(link.searchParams.get('utm_medium')).toBe('social');
      expect(link.searchParams.get('utm_campaign')).toBe('fixwork');
      expect(link.searchParams.get('utm_content')).toBe(post.shareableId);
    }
  });

  test('every message is one of its template\'s forms filled in whole, so no word is cut', () => {
    for (const post of sample.posts) {
      const resource = SAMPLE.resources.find((item) => item.id === post.resourceId)!;
      const template = SAMPLE.templates[resource.kind]!.find((item) => item.id === post.templateId)!;
      const fields = { title: resource.title, summary: resource.summary, stat: resource.stat, quote: resource.quote.text, attribution: resource.quote.attribution, when: resource.when };
      const filled = template.forms.map((form) => fillTemplate(form, fields));
      expect(filled).toContain(messageOf(post));
    }
  });

  test('no two posts are the same, and no two posts on one network share a message', () => {
    expect(new Set(sample.posts.map((post) => post.text)).size).toBe(sample.posts.length);
    for (const network of shareNetworkIds()) {
      const messages = sample.posts.filter((post) => post.network === network).map(messageOf);
      expect(new Set(messages).size).toBe(messages.length);
    }
  });

  test('the same content gives the same posts in the same order', () => {
    expect(generateShareables(SAMPLE, { hashtags: ['jobquality'] })).toEqual(sample);
  });

  test('a network that cannot fit the long form gets the shorter form instead', () => {
    const summary = 'Care workers own the co-op, set their own rotas, are paid for travel time between clients, and meet every month to decide together what to change next about how the work is organised.';
    const generated = generateShareables(contentFixture({ resources: [resourceFixture({ summary })] }), { hashtags: ['jobquality'] });
    const spotlight = (network: string) => generated.posts.find((post) => post.shareableId === 'riverside-care.spotlight' && post.network === network)!;
    expect(spotlight('linkedin').form).toBe(0);
    expect(spotlight('linkedin').text).toContain(summary);
    expect(spotlight('x').form).toBe(1);
    expect(spotlight('x').text).not.toContain('Care workers');
  });

  test('a post that fits no form is reported with its resource and network instead of being produced', () => {
    const title = 'An exceptionally long programme title that keeps going well past what any short post could ever hold in one go, however it is phrased, because it names every partner';
    const content = contentFixture({
      resources: [resourceFixture({ title })],
      templates: { exemplar: [{ id: 'only', forms: ['{title}: {summary} {stat}'] }] },
    });
    const generated = generateShareables(content, { hashtags: ['jobquality'] });
    expect(generated.posts.some((post) => post.network === 'x' || post.network === 'bluesky')).toBe(false);
    expect(generated.unavailable).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ shareableId: 'riverside-care.only', resourceId: 'riverside-care', network: 'x', reason: 'too-long', message: expect.stringMatching(/riverside-care.*X: the shortest form is \d+ of 280/) }),
        expect.objectContaining({ network: 'bluesky', reason: 'too-long' }),
      ]),
    );
    expect(generated.posts.find((post) => post.network === 'linkedin')).toBeDefined();
  });

  test('a post X would refuse for its characters is reported as such, not as too long', () => {
    const generated = generateShareables(contentFixture({ resources: [resourceFixture({ title: 'Riverside\uFFFE Care' })] }), { hashtags: ['jobquality'] });
    expect(generated.posts.some((post) => post.network === 'x')).toBe(false);
    expect(generated.posts.some((post) => post.network === 'bluesky')).toBe(true);
    expect(generated.unavailable).toContainEqual(expect.objectContaining({ network: 'x', reason: 'invalid-characters', message: expect.stringContaining('characters X refuses') }));
  });

  test('a form that would repeat another post on the same network is skipped for the next', () => {
    const content = contentFixture({
      templates: {
        exemplar: [
          { id: 'one', forms: ['Fix work, not workers: {title}.'] },
          { id: 'two', forms: ['Fix work, not workers: {title}.', 'Good work at {title}.'] },
          { id: 'three', forms: ['Fix work, not workers: {title}.'] },
        ],
      },
    });
    const generated = generateShareables(content, { hashtags: ['jobquality'] });
    const x = generated.posts.filter((post) => post.network === 'x');
    expect(x.map((post) => [post.templateId, post.form])).toEqual([
      ['one', 0],
      ['two', 1],
    ]);
    expect(generated.unavailable).toContainEqual(expect.objectContaining({ shareableId: 'riverside-care.three', network: 'x', reason: 'duplicate' }));
  });

  test('a template needing a field the resource lacks is skipped and says which field', () => {
    const { stat: _stat, ...withoutStat } = resourceFixture();
    const content = contentFixture({ resources: [withoutStat], templates: { exemplar: [{ id: 'numbers', forms: ['{stat}'] }, { id: 'plain', forms: ['{title}'] }] } });
    const generated = generateShareables(content, { hashtags: ['jobquality'] });
    expect(new Set(generated.posts.map((post) => post.templateId))).toEqual(new Set(['plain']));
    expect(generated.shareables.map((item) => item.id)).toEqual(['riverside-care.plain']);
    expect(generated.unavailable[0]).toMatchObject({ reason: 'missing-fields', message: expect.stringContaining('{stat}') });
  });

  test('tracked and campaign hashtags are added once, keeping a tag the template already uses', () => {
    const content = contentFixture({ templates: { exemplar: [{ id: 'tagged', forms: ['Why #JobQuality matters: {title}.'] }] } });
    const generated = generateShareables(content, { hashtags: ['jobquality', 'goodwork'] });
    const post = generated.posts.find((item) => item.network === 'x')!;
    expect(post.text.match(/#jobquality/gi)).toHaveLength(1);
    expect(post.text).toContain('#goodwork');
    expect(post.text).toContain('#FixWork');
    expect(generated.hashtags).toEqual(['JobQuality', 'goodwork', 'FixWork']);
  });

  test('#jobquality is added even when other hashtags are tracked', () => {
    const generated = generateShareables(contentFixture({ campaign: { hashtags: [] } }), { hashtags: ['fairwork'] });
    for (const post of generated.posts) expect(post.text).toMatch(/#jobquality #fairwork\n/);
  });

  test('a template limited to some networks produces posts only for them', () => {
    const content = contentFixture({ templates: { exemplar: [{ id: 'long', networks: ['linkedin', 'facebook'], forms: ['{title}\n\n{summary}\n\n{stat}'] }] } });
    const generated = generateShareables(content, { hashtags: ['jobquality'] });
    expect(generated.posts.map((post) => post.network)).toEqual(['linkedin', 'facebook']);
    expect(generated.unavailable).toEqual([]);
  });
});
