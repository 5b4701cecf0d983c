// Untrusted text made safe for HTML, in one place for every room that writes HTML (the report, its
// email, the action page, the dashboard app's links, the Mastodon fake): post text, names and URLs
// from the networks or the content file show as themselves and never become markup or a script link.

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** `text` safe inside element content and inside single- or double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char]!);
}

/** `url` when it is an absolute http(s) URL, otherwise null (never a javascript: or data: link). */
export function safeHttpUrl(url: string): string | null {
  if (!URL.canParse(url)) return null;
  const parsed = new URL(url);
  return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
}
