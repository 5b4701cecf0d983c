// Links from social networks are untrusted: only http(s) URLs become links (a `javascript:` or
// `data:` URL in an href would run or show attacker content when clicked). Pure.

/** `url` when it is an absolute http(s) URL, else null. */
export function safeHttpUrl(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}
