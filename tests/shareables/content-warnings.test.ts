// What staff are told to fix before publishing, and the content fields the action page adds:
// the "why share" line (short, it opens the page) and event dates (real dates, YYYY-MM-DD).
import { describe, expect, test } from 'vitest';
import { ContentSchema } from '../../shareables/content-schema.js';
import { contentWarnings } from '../../shareables/content-warnings.js';
import { contentFixture, resourceFixture } from './content-fixture.js';

const ready = { pageUrl: 'https://campaign.example.org/act/', today: '2026-12-02' };
const withImage = { image: { src: 'preview.png', alt: 'Fix work' } };

describe('content warnings', () => {
  test('a content file ready to publish has none', () => {
    expect(contentWarnings(contentFixture({ campaign: withImage }), ready)).toEqual([]);
  });

  test('example links are named, with what to do', () => {
    const content = contentFixture({ campaign: withImage, resources: [resourceFixture({ example: true }), resourceFixture({ id: 'other', example: true })] });
    expect(contentWarnings(content, ready)).toEqual(['2 resources link to example pages (riverside-care, other): replace each url with the real page and remove "example: true" before publishing.']);
  });

  test('an event that is over is reported as left off the page; one today is not', () => {
    const content = contentFixture({
      campaign: withImage,
      resources: [resourceFixture({ id: 'past', kind: 'conversation', date: '2026-12-01' }), resourceFixture({ id: 'today', kind: 'conversation', date: '2026-12-02' })],
      templates: { conversation: [{ id: 'join', forms: ['Join {title}.'] }] },
    });
    expect(contentWarnings(content, ready)).toEqual(['The event "past" was on 2026-12-01: it is left off the action page; remove it or give it a new date.']);
  });

  test('link previews: a missing or SVG campaign image and an unknown page address are reported', () => {
    expect(contentWarnings(contentFixture(), ready)).toEqual([expect.stringContaining('campaign.image is not set')]);
    expect(contentWarnings(contentFixture({ campaign: { image: { src: 'logo.svg', alt: 'Logo' } } }), ready)).toEqual([expect.stringContaining('campaign.image is .svg: X, Facebook and chat apps show only PNG or JPEG')]);
    expect(contentWarnings(contentFixture({ campaign: withImage }), { ...ready, pageUrl: null })).toEqual([expect.stringContaining('set campaign.pageUrl')]);
  });
});

describe('content schema additions', () => {
  const parse = (campaign: object, resource: object = {}) => ContentSchema.safeParse({ ...contentFixtureInput(), campaign: { ...contentFixtureInput().campaign, ...campaign }, resources: [{ ...resourceFixture(), ...resource }] });
  function contentFixtureInput() {
    return { campaign: { name: 'fixwork', title: 'Fix work', description: 'Posts.' }, templates: { exemplar: [{ id: 'spotlight', forms: ['{title}'] }] } };
  }

  test('an event date must be a real date written YYYY-MM-DD', () => {
    expect(parse({}, { date: '2027-03-11' }).success).toBe(true);
    for (const bad of ['2027-02-30', '11/03/2027', 'next Thursday']) {
      const result = parse({}, { date: bad });
      expect(result.success, bad).toBe(false);
      expect(result.error!.issues[0]!.message).toContain('YYYY-MM-DD');
    }
  });

  test('the "why share" line is at most 240 characters, so the first post stays on the first screen', () => {
    expect(parse({ why: 'Bad jobs are designed, so they can be redesigned.' }).success).toBe(true);
    const long = parse({ why: 'x'.repeat(241) });
    expect(long.error!.issues[0]).toMatchObject({ path: ['campaign', 'why'], message: expect.stringContaining('at most 240 characters') });
  });

  test('the page address must be a full http(s) URL', () => {
    expect(parse({ pageUrl: 'https://campaign.example.org/act/' }).success).toBe(true);
    expect(parse({ pageUrl: 'campaign.example.org' }).success).toBe(false);
  });
});
