// The action page as files: escaped content, one card per message with its text for every network,
// share links direct or through the click-counting redirect, link previews, nothing for staff,
// the posts.json feed, and writing the folder all at once.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { buildActionPage, type PageFile } from '../../shareables/action-page/build-action-page.js';
import type { PostsFeed } from '../../shareables/action-page/posts-feed.js';
import { writeActionPage } from '../../shareables/action-page/write-action-page.js';
import { OutputFolderError } from '../../shareables/errors.js';
import { generateShareables } from '../../shareables/generate-posts.js';
import { buildActionCards } from '../../shareables/action-page/page-cards.js';
import { measurePost } from '../../shareables/post-length.js';
import { InvalidMastodonServerError, shareIntentUrl } from '../../shareables/share-intents.js';
import { indexPosts, shareRedirectTarget } from '../../shareables/share-redirect.js';
import { contentFixture, resourceFixture } from './content-fixture.js';
import { tempFolderPerTest } from '../helpers/temp-folder.js';

const hostile = resourceFixture({
  title: 'Pay & <script>alert("x")</script> hours',
  summary: 'Fair "shifts" & <b>rotas</b>',
  url: 'https://example.org/a?b=1&c=2',
  example: true,
  image: { src: 'pic.svg', alt: 'A "rota" <chart>' },
});

type CardData = Record<string, { title: string; image: string | null; variants: Record<string, { text: string; link: string; shown: string; share: string | null }> }>;

function build(publicBaseUrl: string | null, resources = [hostile], options: { pageUrl?: string | null; today?: string; campaign?: NonNullable<Parameters<typeof contentFixture>[0]>['campaign'] } = {}) {
  const content = contentFixture({ resources, campaign: options.campaign });
  const generated = generateShareables(content, { hashtags: ['jobquality'] });
  const files = buildActionPage({ content, generated, publicBaseUrl, pageUrl: options.pageUrl ?? null, today: options.today ?? '2026-12-02', readImage: () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') });
  const text = (name: string) => String(files.get(name)!.body);
  const html = text('index.html');
  const cardData = (JSON.parse(/<script type="application\/json" id="card-data">([^<]*)<\/script>/.exec(html)![1]!) as { cards: CardData }).cards;
  return { content, generated, files, html, cardData, feed: JSON.parse(text('posts.json')) as PostsFeed };
}

/** The text of every element with class post-text, unescaped: what a supporter reads on the cards. */
const visibleTexts = (html: string) => [...html.matchAll(/<p class="post-text" data-text>([^<]*)<\/p>/g)].map((match) => unescape(match[1]!));

const unescape = (value: string) => value.replace(/&(amp|lt|gt|quot|#39);/g, (_entity, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[name]!);
/** Every value of an attribute in the page, unescaped. */
const attr = (html: string, name: string) => [...html.matchAll(new RegExp(`\\s${name}="([^"]*)"`, 'g'))].map((match) => unescape(match[1]!));

const folder = tempFolderPerTest('jq-page-');

describe('action page', () => {
  test('content is escaped: markup in the content file shows as text and never becomes markup', () => {
    const { html } = build(null);
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<b>rotas');
    expect(html).toContain('Pay &amp; &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; hours');
    expect(html).toContain('alt="A &quot;rota&quot; &lt;chart&gt;"');
    // The page's own script, and the cards' data, which the CSP never runs (it is JSON).
    expect(html.match(/<script\b/g)).toHaveLength(2);
    expect(html).toContain('<script type="application/json" id="card-data">');
    expect(html.split('id="card-data">')[1]!.split('</script>')[0]).not.toContain('<');
  });

  test('the page loads only its own files: no scripts, styles or images from other sites', () => {
    const { html, files } = build(null);
    const loaded = [...attr(html, 'src'), ...[...html.matchAll(/<link [^>]*href="([^"]*)"/g)].map((match) => match[1]!)];
    expect(loaded.length).toBeGreaterThan(2);
    for (const url of loaded) {
      expect(url).not.toMatch(/^(https?:)?\/\//);
      expect(files.has(url)).toBe(true);
    }
    expect(attr(html, 'content').find((value) => value.startsWith('default-src'))).toContain("default-src 'none'");
  });

  test('without a public base URL, every post\'s share link goes straight to its network, and nothing is counted', () => {
    const { html, generated, cardData } = build(null);
    for (const post of generated.posts) {
      const expected = post.network === 'mastodon' ? shareIntentUrl('mastodon', post, 'example.social').replace('example.social', '{server}') : shareIntentUrl(post.network, post);
      expect(cardData[post.shareableId]!.variants[post.network]!.share).toBe(expected);
    }
    // Without the script: the card's main button and its "Or share on" links are plain intent links.
    const hrefs = attr(html, 'href');
    for (const post of generated.posts.filter((item) => item.network !== 'mastodon')) expect(hrefs).toContain(shareIntentUrl(post.network, post));
    expect(html).not.toContain('data-count-base');
    expect(attr(html, 'content').find((value) => value.startsWith('default-src'))).toContain("connect-src 'self';");
  });

  test('one card per message, not per network version', () => {
    const { html, generated } = build(null);
    expect(html.match(/<li class="card"/g)).toHaveLength(generated.shareables.length);
    expect(generated.posts.length).toBeGreaterThan(generated.shareables.length * 4);
  });

  test('cards show links without tracking tags, and keep the tags in what is shared', () => {
    const { html, cardData, generated } = build(null);
    const texts = visibleTexts(html);
    expect(texts.length).toBe(generated.shareables.length);
    for (const text of texts) {
      expect(text).not.toContain('utm_');
      // The resource's own query and fragment stay.
      expect(text).toContain('https://example.org/a?b=1&c=2');
    }
    for (const post of generated.posts) {
      const variant = cardData[post.shareableId]!.variants[post.network]!;
      expect(variant.text).toBe(post.text);
      expect(variant.link).toContain(`utm_source=${post.network}`);
      expect(variant.shown).toBe('https://example.org/a?b=1&c=2');
    }
  });

  test('the share-menu version carries its own tag and fits X, Bluesky, Mastodon and Threads', () => {
    const { cardData } = build(null);
    for (const [shareableId, card] of Object.entries(cardData)) {
      const menu = card.variants.apps!;
      expect(menu.share).toBeNull();
      expect(menu.link).toContain(`utm_source=apps`);
      expect(menu.link).toContain(`utm_content=${shareableId}`);
      for (const network of ['x', 'bluesky', 'mastodon', 'threads'] as const) expect(measurePost(network, menu.text).fits, `${shareableId} on ${network}`).toBe(true);
    }
  });

  test('upcoming events come first, soonest first, and events that are over are left off', () => {
    const event = (id: string, date: string) => resourceFixture({ id, kind: 'conversation', title: id, when: date, date });
    const templates = { exemplar: [{ id: 'spotlight', forms: ['{title}: {summary}'] }], conversation: [{ id: 'join', forms: ['Join us for {title}, {when}.'] }] };
    const content = contentFixture({
      resources: [resourceFixture({ id: 'story' }), event('late-event', '2027-03-23'), event('past-event', '2026-11-30'), event('soon-event', '2027-03-11'), event('today-event', '2026-12-02')],
      templates,
    });
    const generated = generateShareables(content, { hashtags: [] });
    const { cards, pastEvents } = buildActionCards({ content, generated, publicBaseUrl: null, imageNames: new Map(), today: '2026-12-02' });
    expect(cards.map((card) => card.resourceId)).toEqual(['today-event', 'soon-event', 'late-event', 'story']);
    expect(pastEvents.map((resource) => resource.id)).toEqual(['past-event']);
  });

  test('with a public base URL, share buttons go through the counting redirect', () => {
    const { html, generated } = build('https://track.example.org/');
    const hrefs = attr(html, 'href');
    expect(hrefs).toContain('https://track.example.org/s/riverside-care.spotlight/x');
    expect(hrefs).toContain('https://track.example.org/s/riverside-care.voice/linkedin');
    const { cardData } = build('https://track.example.org/');
    expect(cardData['riverside-care.spotlight']!.variants.mastodon!.share).toBe('https://track.example.org/s/riverside-care.spotlight/mastodon?server={server}');
    expect(hrefs.some((href) => href.startsWith('https://x.com/'))).toBe(false);
    expect(generated.posts.length).toBeGreaterThan(0);
    // Copies and share-menu shares are counted by beacons to the tracker, which the CSP allows.
    expect(attr(html, 'data-count-base')).toEqual(['https://track.example.org/']);
    expect(attr(html, 'content').find((value) => value.startsWith('default-src'))).toContain("connect-src 'self' https://track.example.org;");
  });

  test('link previews: Open Graph and X card tags with the campaign title, description and image', () => {
    const campaign = { image: { src: 'preview.png', alt: 'Fix work' } };
    const { html } = build(null, [hostile], { pageUrl: 'https://campaign.example.org/act/', campaign });
    for (const tag of [
      '<meta property="og:title" content="Fix work, not workers">',
      '<meta property="og:description" content="Ready-made posts.">',
      '<meta property="og:url" content="https://campaign.example.org/act/">',
      '<meta property="og:image" content="https://campaign.example.org/act/images/campaign.png">',
      '<meta property="og:image:alt" content="Fix work">',
      '<meta name="twitter:card" content="summary_large_image">',
      '<meta name="twitter:title" content="Fix work, not workers">',
      '<meta name="twitter:description" content="Ready-made posts.">',
      '<meta name="twitter:image" content="https://campaign.example.org/act/images/campaign.png">',
    ]) expect(html).toContain(tag);
    // Without the page's address the image path is relative (shareables check warns about it).
    expect(build(null, [hostile], { campaign }).html).toContain('<meta property="og:image" content="images/campaign.png">');
    expect(build(null).html).toContain('<meta name="twitter:card" content="summary">');
  });

  test('nothing for staff on the public page: no example-link notice, no length badges', () => {
    const { html, generated } = build(null);
    expect(hostile.example).toBe(true);
    expect(html).not.toMatch(/example link|replace before publishing/i);
    for (const post of generated.posts) expect(html).not.toContain(`${post.length} / ${post.limit}`);
  });

  test('the opening line is the content file\'s "why share"', () => {
    expect(build(null, [hostile], { campaign: { why: 'Because bad jobs are designed.' } }).html).toContain('<p class="why">Because bad jobs are designed.</p>');
  });

  test('posts.json lists every post with its text, link and share target', () => {
    const { feed, generated } = build(null);
    expect(feed.posts).toHaveLength(generated.posts.length);
    const x = feed.posts.find((post) => post.id === 'riverside-care.spotlight/x')!;
    expect(x).toMatchObject({ network: 'x', kind: 'exemplar', limit: 280 });
    expect(x.text.endsWith(x.link)).toBe(true);
    expect(x.share).toBe(shareIntentUrl('x', x));
    expect(feed.posts.find((post) => post.network === 'mastodon')!.share).toContain('{server}');
    expect(feed.resources[0]).toMatchObject({ id: 'riverside-care', image: { src: 'images/riverside-care.svg', alt: 'A "rota" <chart>' } });
    expect(JSON.stringify(feed)).not.toContain('example"');
  });

  test('building twice from the same content gives identical files', () => {
    const first = build('https://track.example.org').files;
    const second = build('https://track.example.org').files;
    expect([...second.keys()]).toEqual([...first.keys()]);
    for (const [name, file] of first) expect(String(second.get(name)!.body)).toBe(String(file.body));
  });

  test('writing puts every file in the folder and replaces the previous page entirely', () => {
    const out = join(folder(), 'page');
    const { files } = build(null);
    writeActionPage(out, files);
    writeFileSync(join(out, 'stale.html'), 'old');
    expect(writeActionPage(out, files)).toBe(out);
    expect(readdirSync(out).sort()).toEqual(['action-page.css', 'action-page.js', 'favicon.svg', 'images', 'index.html', 'posts.json']);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe(files.get('index.html')!.body);
    expect(readdirSync(folder())).toEqual(['page']);
  });

  test('a folder holding other files is refused and left untouched', () => {
    const out = join(folder(), 'documents');
    mkdirSync(out);
    writeFileSync(join(out, 'notes.txt'), 'keep me');
    expect(() => writeActionPage(out, build(null).files)).toThrow(OutputFolderError);
    expect(readdirSync(out)).toEqual(['notes.txt']);
    expect(readdirSync(folder())).toEqual(['documents']);
  });

  test('a failed write leaves the previous page in place and no partial folder behind', () => {
    const out = join(folder(), 'page');
    mkdirSync(out);
    writeFileSync(join(out, 'index.html'), 'previous page');
    writeFileSync(join(out, 'posts.json'), '{}');
    const files = new Map<string, PageFile>([
      ['index.html', { body: 'new page', contentType: 'text/html' }],
      ['../escape.txt', { body: 'outside', contentType: 'text/plain' }],
    ]);
    expect(() => writeActionPage(out, files)).toThrow(/outside the page folder/);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe('previous page');
    expect(readdirSync(folder())).toEqual(['page']);
    expect(existsSync(join(folder(), 'escape.txt'))).toBe(false);
  });
});

describe('share redirect', () => {
  const { generated } = build('https://track.example.org');
  const index = indexPosts(generated.posts);

  test('a known shareable and network redirect to that network\'s intent', () => {
    const post = generated.posts.find((item) => item.shareableId === 'riverside-care.voice' && item.network === 'bluesky')!;
    expect(shareRedirectTarget(index, 'riverside-care.voice', 'bluesky')).toBe(shareIntentUrl('bluesky', post));
  });

  test('Mastodon redirects to the server given in ?server=, and refuses a missing or bad one', () => {
    expect(shareRedirectTarget(index, 'riverside-care.voice', 'mastodon', 'mas.to')).toMatch(/^https:\/\/mas\.to\/share\?text=/);
    expect(() => shareRedirectTarget(index, 'riverside-care.voice', 'mastodon', null)).toThrow(InvalidMastodonServerError);
    expect(() => shareRedirectTarget(index, 'riverside-care.voice', 'mastodon', 'not a server')).toThrow(InvalidMastodonServerError);
  });

  test('only the host of ?server= is used, so it cannot steer the redirect to another path', () => {
    expect(shareRedirectTarget(index, 'riverside-care.voice', 'mastodon', 'mas.to/@someone/../../login?')).toMatch(/^https:\/\/mas\.to\/share\?text=/);
  });

  test('an unknown shareable or network has no target', () => {
    expect(shareRedirectTarget(index, 'nope.none', 'x')).toBeNull();
    expect(shareRedirectTarget(index, 'riverside-care.voice', 'myspace')).toBeNull();
  });
});
