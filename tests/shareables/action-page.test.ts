// The action page as files: escaped content, share links direct or through the click-counting
// redirect, the example notice, the posts.json feed, and writing the folder all at once.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { buildActionPage, type PageFile } from '../../shareables/action-page/build-action-page.js';
import type { PostsFeed } from '../../shareables/action-page/posts-feed.js';
import { writeActionPage } from '../../shareables/action-page/write-action-page.js';
import { OutputFolderError } from '../../shareables/errors.js';
import { generateShareables } from '../../shareables/generate-posts.js';
import { InvalidMastodonServerError, shareIntentUrl } from '../../shareables/share-intents.js';
import { indexPosts, shareRedirectTarget } from '../../shareables/share-redirect.js';
import { contentFixture, resourceFixture } from './content-fixture.js';

const hostile = resourceFixture({
  title: 'Pay & <script>alert("x")</script> hours',
  summary: 'Fair "shifts" & <b>rotas</b>',
  url: 'https://example.org/a?b=1&c=2',
  example: true,
  image: { src: 'pic.svg', alt: 'A "rota" <chart>' },
});

function build(publicBaseUrl: string | null, resources = [hostile]) {
  const content = contentFixture({ resources });
  const generated = generateShareables(content, { hashtags: ['jobquality'] });
  const files = buildActionPage({ content, generated, publicBaseUrl, readImage: () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>') });
  const text = (name: string) => String(files.get(name)!.body);
  return { content, generated, files, html: text('index.html'), feed: JSON.parse(text('posts.json')) as PostsFeed };
}

const unescape = (value: string) => value.replace(/&(amp|lt|gt|quot|#39);/g, (_entity, name: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[name]!);
/** Every value of an attribute in the page, unescaped. */
const attr = (html: string, name: string) => [...html.matchAll(new RegExp(`\\s${name}="([^"]*)"`, 'g'))].map((match) => unescape(match[1]!));

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'jq-page-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('action page', () => {
  test('content is escaped: markup in the content file shows as text and never becomes markup', () => {
    const { html } = build(null);
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<b>rotas');
    expect(html).toContain('Pay &amp; &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; hours');
    expect(html).toContain('alt="A &quot;rota&quot; &lt;chart&gt;"');
    expect(html.match(/<script\b/g)).toHaveLength(1);
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

  test('without a public base URL, share buttons link straight to each network', () => {
    const { html, generated } = build(null);
    const hrefs = attr(html, 'href');
    for (const post of generated.posts.filter((item) => item.network !== 'mastodon')) expect(hrefs).toContain(shareIntentUrl(post.network, post));
    const mastodon = generated.posts.find((post) => post.network === 'mastodon')!;
    expect(attr(html, 'data-share-template')).toContain(shareIntentUrl('mastodon', mastodon, 'example.social').replace('example.social', '{server}'));
  });

  test('with a public base URL, share buttons go through the counting redirect', () => {
    const { html, generated } = build('https://track.example.org/');
    const hrefs = attr(html, 'href');
    expect(hrefs).toContain('https://track.example.org/s/riverside-care.spotlight/x');
    expect(hrefs).toContain('https://track.example.org/s/riverside-care.voice/linkedin');
    expect(attr(html, 'data-share-template')).toContain('https://track.example.org/s/riverside-care.spotlight/mastodon?server={server}');
    expect(hrefs.some((href) => href.startsWith('https://x.com/'))).toBe(false);
    expect(generated.posts.length).toBeGreaterThan(0);
    expect(html).toContain('<meta property="og:url" content="https://track.example.org/action/">');
  });

  test('the page carries OpenGraph title and description', () => {
    const { html } = build(null);
    expect(html).toContain('<meta property="og:title" content="Fix work, not workers">');
    expect(html).toContain('<meta property="og:description" content="Ready-made posts.">');
  });

  test('a visible notice appears while example links remain, and not once they are replaced', () => {
    expect(build(null).html).toContain('Example links — replace before publishing.');
    const real = build(null, [resourceFixture()]);
    expect(real.html).not.toContain('replace before publishing');
    expect(real.feed.examplesRemain).toBe(false);
  });

  test('each post shows its length against its network\'s limit', () => {
    const { html, generated } = build(null);
    for (const post of generated.posts) expect(html).toContain(`${post.length} / ${post.limit}`);
  });

  test('posts.json lists every post with its text, link and share target', () => {
    const { feed, generated } = build(null);
    expect(feed.posts).toHaveLength(generated.posts.length);
    const x = feed.posts.find((post) => post.id === 'riverside-care.spotlight/x')!;
    expect(x).toMatchObject({ network: 'x', kind: 'exemplar', limit: 280 });
    expect(x.text.endsWith(x.link)).toBe(true);
    expect(x.share).toBe(shareIntentUrl('x', x));
    expect(feed.posts.find((post) => post.network === 'mastodon')!.share).toContain('{server}');
    expect(feed.resources[0]).toMatchObject({ id: 'riverside-care', example: true, image: { src: 'images/riverside-care.svg', alt: 'A "rota" <chart>' } });
  });

  test('building twice from the same content gives identical files', () => {
    const first = build('https://track.example.org').files;
    const second = build('https://track.example.org').files;
    expect([...second.keys()]).toEqual([...first.keys()]);
    for (const [name, file] of first) expect(String(second.get(name)!.body)).toBe(String(file.body));
  });

  test('writing puts every file in the folder and replaces the previous page entirely', () => {
    const out = join(dir, 'page');
    const { files } = build(null);
    writeActionPage(out, files);
    writeFileSync(join(out, 'stale.html'), 'old');
    expect(writeActionPage(out, files)).toBe(out);
    expect(readdirSync(out).sort()).toEqual(['action-page.css', 'action-page.js', 'favicon.svg', 'images', 'index.html', 'posts.json']);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe(files.get('index.html')!.body);
    expect(readdirSync(dir)).toEqual(['page']);
  });

  test('a folder holding other files is refused and left untouched', () => {
    const out = join(dir, 'documents');
    mkdirSync(out);
    writeFileSync(join(out, 'notes.txt'), 'keep me');
    expect(() => writeActionPage(out, build(null).files)).toThrow(OutputFolderError);
    expect(readdirSync(out)).toEqual(['notes.txt']);
    expect(readdirSync(dir)).toEqual(['documents']);
  });

  test('a failed write leaves the previous page in place and no partial folder behind', () => {
    const out = join(dir, 'page');
    mkdirSync(out);
    writeFileSync(join(out, 'index.html'), 'previous page');
    writeFileSync(join(out, 'posts.json'), '{}');
    const files = new Map<string, PageFile>([
      ['index.html', { body: 'new page', contentType: 'text/html' }],
      ['../escape.txt', { body: 'outside', contentType: 'text/plain' }],
    ]);
    expect(() => writeActionPage(out, files)).toThrow(/outside the page folder/);
    expect(readFileSync(join(out, 'index.html'), 'utf8')).toBe('previous page');
    expect(readdirSync(dir)).toEqual(['page']);
    expect(existsSync(join(dir, 'escape.txt'))).toBe(false);
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
