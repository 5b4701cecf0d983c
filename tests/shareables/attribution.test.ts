// Attributing collected posts to the shareable they used: by the tagged link, or by similar text.
import { describe, expect, test } from 'vitest';
import { attributePost, createAttributor, TEXT_MATCH_THRESHOLD } from '../../shareables/attribution.js';
import { loadContentFile } from '../../shareables/content-file.js';
import { generateShareables } from '../../shareables/generate-posts.js';

const content = loadContentFile(new URL('../../shareables/sample-content.yaml', import.meta.url).pathname);
const { posts } = generateShareables(content, { hashtags: ['jobquality'] });
const attribute = createAttributor(posts, { campaign: 'fixwork' });

const generated = (shareableId: string, network: string) => posts.find((post) => post.shareableId === shareableId && post.network === network)!;

describe('attribution', () => {
  test('a post whose expanded link carries utm_content is attributed by link, even when rewritten', () => {
    const link = generated('northgate-bakery.spotlight', 'x').link;
    const result = attribute({ network: 'x', text: 'Love this bakery! https://t.co/abc123 #jobquality', links: [link] });
    expect(result).toMatchObject({ shareableId: 'northgate-bakery.spotlight', method: 'link' });
    expect(result!.edited).toBeGreaterThan(0.5);
  });

  test('a link tagged for another campaign is not ours', () => {
    const link = generated('northgate-bakery.spotlight', 'x').link.replace('utm_campaign=fixwork', 'utm_campaign=last-year');
    expect(attribute({ network: 'x', text: 'Love this bakery! #jobquality', links: [link] })).toBeNull();
  });

  test('a link naming no known shareable falls back to the text', () => {
    const post = generated('riverside-care.voice', 'mastodon');
    const result = attribute({ network: 'mastodon', text: post.text, links: ['https://example.org/?utm_content=something-else'] });
    expect(result).toMatchObject({ shareableId: 'riverside-care.voice', method: 'text' });
  });

  test('a copy posted as generated (link shortened by the network) matches by text with nothing edited', () => {
    const post = generated('insecure-hours-brief.headline', 'bluesky');
    const asPosted = post.text.replace(post.link, 'example.org/research/insec...');
    const result = attribute({ network: 'bluesky', text: asPosted, links: [] });
    expect(result).toMatchObject({ shareableId: 'insecure-hours-brief.headline', method: 'text', score: 1, edited: 0, closestNetwork: 'bluesky' });
  });

  test('a lightly edited copy is attributed by text, with how much was edited', () => {
    const text = 'So true! “We stopped asking carers to be more resilient and started fixing the rota.” — Amara Osei, care worker and co-op board member #jobquality';
    const result = attribute({ network: 'x', text, links: [] });
    expect(result).toMatchObject({ shareableId: 'riverside-care.voice', method: 'text' });
    expect(result!.score).toBeGreaterThanOrEqual(TEXT_MATCH_THRESHOLD);
    expect(result!.edited).toBeGreaterThan(0);
    expect(result!.edited).toBeLessThan(0.3);
  });

  test('a heavier edit still matches but shows more editing than a light one', () => {
    const light = attribute({ network: 'x', text: 'We stopped asking carers to be more resilient and started fixing the rota. Amara Osei, care worker and co-op board member #jobquality', links: [] });
    const heavy = attribute({ network: 'x', text: 'We stopped asking carers to be resilient and started fixing rotas, says Amara Osei #jobquality', links: [] });
    expect(light?.shareableId).toBe('riverside-care.voice');
    expect(heavy?.shareableId).toBe('riverside-care.voice');
    expect(heavy!.edited).toBeGreaterThan(light!.edited);
    expect(heavy!.score).toBeLessThan(light!.score);
  });

  test('a post on the same subject in the supporter\'s own words is below the threshold', () => {
    const texts = [
      'Great to see employers publishing rotas weeks ahead. Predictable schedules matter for everyone #jobquality',
      'Our union has been pushing for fair scheduling and better pay for care workers for years. #jobquality',
      'Care workers deserve to be paid for travel time between clients. #jobquality',
    ];
    for (const text of texts) expect(attribute({ network: 'mastodon', text, links: [] }), text).toBeNull();
  });

  test('the campaign slogan on its own is too short to attribute', () => {
    expect(attribute({ network: 'x', text: 'Fix work, not workers! #jobquality #fixwork', links: [] })).toBeNull();
  });

  test('a lower threshold lets a looser paraphrase match', () => {
    const text = 'Join us Thursday to talk about worker voice and who gets a say at work #jobquality';
    expect(attribute({ network: 'x', text, links: [] })).toBeNull();
    expect(attributePost({ network: 'x', text, links: [] }, posts, { campaign: 'fixwork', threshold: 0.5 })).toMatchObject({ shareableId: 'voice-at-work-live.join', method: 'text' });
  });
});
