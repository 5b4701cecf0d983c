// Assembles the action page in memory: index.html, its script and stylesheet, posts.json and the
// images. The CLI writes these to a folder; the dashboard server can serve them as they are.
import { readFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import type { Content } from '../content-schema.js';
import type { GeneratedShareables } from '../generate-posts.js';
import { buildActionCards } from './page-cards.js';
import { ACTION_PAGE_JS } from './page-script.js';
import { ACTION_PAGE_CSS } from './page-style.js';
import { buildPostsFeed } from './posts-feed.js';
import { renderActionPageHtml } from './render-page.js';

/** One file of the page, with the Content-Type to serve it with. */
export interface PageFile {
  body: string | Buffer;
  contentType: string;
}

const IMAGE_TYPES: Record<string, string> = {
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
};

// Without an icon of its own, browsers ask the host for /favicon.ico, which may not be ours.
const FAVICON_SVG = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="6" fill="#1f4e5f"/><path d="M9 17l5 5 9-11" fill="none" stroke="#fff" stroke-width="4" stroke-linecap="round" stroke-linejoin="round"/></svg>\n';

export interface ActionPageOptions {
  content: Content;
  generated: GeneratedShareables;
  /**
   * PUBLIC_BASE_URL (or "/" on the tracker itself): share buttons go through its /s/ redirect and
   * copies are counted there. Null: share buttons link straight to the networks, nothing is counted.
   */
  publicBaseUrl: string | null;
  /** The page's own public address (link previews); null when unknown. See {@link actionPageUrl}. */
  pageUrl: string | null;
  /** Today's date (YYYY-MM-DD) in the campaign's time zone: events before it are left off. */
  today: string;
  /** Reads an image file; defaults to the disk. */
  readImage?: (path: string) => Buffer;
}

/**
 * The page's public address for link previews: the content file's campaign.pageUrl, else
 * PUBLIC_BASE_URL/action/ (where the tracker serves it), else null.
 */
export function actionPageUrl(content: Content, publicBaseUrl: string | null): string | null {
  if (content.campaign.pageUrl) return content.campaign.pageUrl;
  return publicBaseUrl && /^https?:\/\//.test(publicBaseUrl) ? `${publicBaseUrl.replace(/\/+$/, '')}/action/` : null;
}

/**
 * The page's Content-Security-Policy: its own files only, plus beacons to the tracker that counts
 * shares and copies (connect-src 'self' also lets the share menu attach the page's own images).
 */
export function actionPageCsp(publicBaseUrl: string | null): string {
  const tracker = publicBaseUrl && URL.canParse(publicBaseUrl) ? ` ${new URL(publicBaseUrl).origin}` : '';
  return `default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'${tracker}; base-uri 'none'; form-action 'none'`;
}

/** Width and height of a PNG from its header, or null for anything else. */
function pngSize(body: Buffer): { width: number; height: number } | null {
  const signature = '89504e470d0a1a0a';
  if (body.length < 24 || body.subarray(0, 8).toString('hex') !== signature) return null;
  return { width: body.readUInt32BE(16), height: body.readUInt32BE(20) };
}

/** An image's file name in the page's images/ folder: the resource id keeps names unique and stable. */
function imageName(owner: string, src: string): string {
  const ext = extname(src).toLowerCase();
  return `${owner}${ext || `-${basename(src)}`}`;
}

/**
 * Every file of the action page by its path relative to the page folder
 * (index.html, action-page.js, action-page.css, favicon.svg, posts.json, images/…).
 */
export function buildActionPage(options: ActionPageOptions): Map<string, PageFile> {
  const { content, generated, publicBaseUrl } = options;
  const readImage = options.readImage ?? ((path: string) => readFileSync(path));
  const files = new Map<string, PageFile>();
  const imageNames = new Map<string, string>();
  const owners: Array<[string, { src: string } | undefined]> = [
    ['campaign', content.campaign.image],
    ...content.resources.map((resource): [string, { src: string } | undefined] => [resource.id, resource.image]),
  ];
  for (const [owner, image] of owners) {
    if (!image || imageNames.has(image.src)) continue;
    const name = imageName(owner, image.src);
    imageNames.set(image.src, name);
    files.set(`images/${name}`, { body: readImage(image.src), contentType: IMAGE_TYPES[extname(image.src).toLowerCase()] ?? 'application/octet-stream' });
  }
  const scriptFile = 'action-page.js';
  const styleFile = 'action-page.css';
  const { cards } = buildActionCards({ content, generated, publicBaseUrl, imageNames, today: options.today });
  const preview = content.campaign.image;
  const previewName = preview ? imageNames.get(preview.src) : undefined;
  const previewSize = previewName ? pngSize(Buffer.from(files.get(`images/${previewName}`)!.body)) : null;
  files.set('index.html', {
    body: renderActionPageHtml({
      content,
      cards,
      countBase: publicBaseUrl,
      pageUrl: options.pageUrl,
      previewImage: preview && previewName ? { path: `images/${previewName}`, alt: preview.alt, width: previewSize?.width ?? null, height: previewSize?.height ?? null } : null,
      csp: actionPageCsp(publicBaseUrl),
      scriptFile,
      styleFile,
    }),
    contentType: 'text/html; charset=utf-8',
  });
  files.set(scriptFile, { body: ACTION_PAGE_JS, contentType: 'text/javascript; charset=utf-8' });
  files.set(styleFile, { body: ACTION_PAGE_CSS, contentType: 'text/css; charset=utf-8' });
  files.set('favicon.svg', { body: FAVICON_SVG, contentType: 'image/svg+xml' });
  files.set('posts.json', { body: `${JSON.stringify(buildPostsFeed(content, generated, publicBaseUrl, imageNames), null, 2)}\n`, contentType: 'application/json; charset=utf-8' });
  return files;
}
