// Turns a status's untrusted `content` HTML into plain text and its outgoing links, by parsing it
// (html-to-text), never by pattern-matching: no markup survives, entities are decoded, breaks kept.
import { compile } from 'html-to-text';

export interface StatusText {
  text: string;
  /** http(s) targets of ordinary links, in order, each once; mention and hashtag links excluded. */
  links: string[];
}

interface LinkSink {
  hrefs: Array<{ href: string; className: string; rel: string }>;
}

interface AnchorElement {
  attribs?: Record<string, string | undefined>;
  children: unknown[];
}

// @types/html-to-text describes v9; v10 still passes the converter's second argument to formatters
// as `builder.metadata`, which is how each call collects its own links without shared state.
type Converter = (html: string, metadata: LinkSink) => string;

const convert = compile({
  wordwrap: false,
  selectors: [
    { selector: 'a', format: 'collectLink' },
    { selector: 'img', format: 'skip' },
    { selector: 'script', format: 'skip' },
    { selector: 'style', format: 'skip' },
    { selector: 'template', format: 'skip' },
    // Remote servers may send headings; their text is kept as written, not upper-cased.
    ...['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((selector) => ({ selector, options: { uppercase: false } })),
  ],
  formatters: {
    collectLink(elem, walk, builder) {
      const anchor = elem as unknown as AnchorElement;
      const sink = (builder as unknown as { metadata: LinkSink | undefined }).metadata;
      const href = anchor.attribs?.href;
      if (sink && href) sink.hrefs.push({ href, className: anchor.attribs?.class ?? '', rel: anchor.attribs?.rel ?? '' });
      // Only the link's visible text is kept (Mastodon already shows the URL as text).
      walk(elem.children as Parameters<typeof walk>[0], builder);
    },
  },
}) as unknown as Converter;

function isTagOrMention(link: { className: string; rel: string }): boolean {
  const classes = link.className.split(/\s+/);
  return classes.includes('mention') || classes.includes('hashtag') || link.rel.split(/\s+/).includes('tag');
}

function httpUrl(href: string): string | null {
  try {
    const { protocol } = new URL(href);
    // Kept as written: shareable attribution compares these with the URLs we published.
    return protocol === 'http:' || protocol === 'https:' ? href : null;
  } catch {
    return null;
  }
}

/**
 * Plain text and outgoing links of a status. `exclude` lists link targets that are mentions or
 * hashtags by the status's own metadata (for servers that mark them up without Mastodon's classes).
 */
export function statusText(html: string, exclude: readonly string[] = []): StatusText {
  const sink: LinkSink = { hrefs: [] };
  const text = convert(html, sink)
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  const excluded = new Set(exclude);
  const links: string[] = [];
  for (const link of sink.hrefs) {
    if (isTagOrMention(link) || excluded.has(link.href)) continue;
    const url = httpUrl(link.href);
    if (url && !links.includes(url)) links.push(url);
  }
  return { text, links };
}
