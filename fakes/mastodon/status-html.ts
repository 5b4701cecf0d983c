// Turns a status's plain text into the HTML Mastodon serves as `content`, the way its text
// formatter does: escaped text, hashtag and mention links, visually shortened URLs, <p> and <br />.
import { escapeHtml } from '../../core/html-text.js';

export interface FormattedMention {
  id: string;
  username: string;
  acct: string;
  url: string;
}

export interface FormattedStatus {
  html: string;
  /** Hashtags in order of appearance, as written (without '#'), each once. */
  tags: string[];
  mentions: FormattedMention[];
}

export interface FormatContext {
  /** The server's public origin, for hashtag links. */
  origin: string;
  /** A mention of a known account links to it; unknown ones stay plain text, as on Mastodon. */
  resolveMention(username: string, domain: string | null): FormattedMention | null;
}

const TOKEN = /(https?:\/\/[^\s<>"]+[^\s<>".,:;!?')\]])|(?<=^|[^\p{L}\p{N}_/])#([\p{L}\p{N}_]*[\p{L}_][\p{L}\p{N}_]*)|(?<=^|[^\p{L}\p{N}_/])@([A-Za-z0-9_]+)(?:@([A-Za-z0-9.-]+(?::[0-9]+)?))?/gu;
const VISIBLE_URL_CHARS = 30;

/** Mastodon's link markup: the scheme hidden, the first 30 characters shown, the rest hidden. */
function linkHtml(url: string): string {
  const scheme = /^https?:\/\/(www\.)?/.exec(url)![0];
  const rest = url.slice(scheme.length);
  const shown = rest.slice(0, VISIBLE_URL_CHARS);
  const hidden = rest.slice(VISIBLE_URL_CHARS);
  return (
    `<a href="${escapeHtml(url)}" target="_blank" rel="nofollow noopener"><span class="invisible">${escapeHtml(scheme)}</span>` +
    `<span class="${hidden ? 'ellipsis' : ''}">${escapeHtml(shown)}</span><span class="invisible">${escapeHtml(hidden)}</span></a>`
  );
}

function formatLine(line: string, context: FormatContext, tags: string[], mentions: FormattedMention[]): string {
  let html = '';
  let last = 0;
  for (const match of line.matchAll(TOKEN)) {
    html += escapeHtml(line.slice(last, match.index));
    last = match.index + match[0].length;
    const [whole, url, tag, username, domain] = match;
    if (url) {
      html += linkHtml(url);
    } else if (tag) {
      if (!tags.some((known) => known.toLowerCase() === tag.toLowerCase())) tags.push(tag);
      html += `<a href="${context.origin}/tags/${encodeURIComponent(tag.toLowerCase())}" class="mention hashtag" rel="tag">#<span>${escapeHtml(tag)}</span></a>`;
    } else {
      const mention = context.resolveMention(username!, domain ?? null);
      if (!mention) {
        html += escapeHtml(whole);
        continue;
      }
      if (!mentions.some((known) => known.url === mention.url)) mentions.push(mention);
      html += `<span class="h-card" translate="no"><a href="${escapeHtml(mention.url)}" class="u-url mention">@<span>${escapeHtml(mention.username)}</span></a></span>`;
    }
  }
  return html + escapeHtml(line.slice(last));
}

/** Formats plain text as Mastodon's `content` HTML and reports the tags and mentions it found. */
export function formatStatusText(text: string, context: FormatContext): FormattedStatus {
  const tags: string[] = [];
  const mentions: FormattedMention[] = [];
  const paragraphs = text
    .trim()
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${paragraph.split('\n').map((line) => formatLine(line, context, tags, mentions)).join('<br />')}</p>`);
  return { html: paragraphs.join(''), tags, mentions };
}
