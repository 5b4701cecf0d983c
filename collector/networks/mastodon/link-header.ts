// Reads an RFC 8288 Link header such as Mastodon's pagination links:
// `<https://host/api/v1/timelines/tag/x?max_id=1>; rel="next", <…?min_id=9>; rel="prev"`.

// Each link is `<target>` followed by its parameters up to the next `<`; targets may contain commas.
const LINK = /<([^>]*)>([^<]*)/g;
const REL = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i;

/** The target of each relation in the header (the first link wins when a relation repeats). */
export function parseLinkHeader(value: string | null): Map<string, string> {
  const links = new Map<string, string>();
  if (!value) return links;
  for (const match of value.matchAll(LINK)) {
    const rel = REL.exec(match[2] ?? '');
    const names = (rel?.[1] ?? rel?.[2] ?? '').split(/\s+/).filter(Boolean);
    for (const name of names) if (!links.has(name.toLowerCase())) links.set(name.toLowerCase(), match[1]!);
  }
  return links;
}

/** A query parameter of the link for `rel`, or null when the link or the parameter is absent. */
export function linkParam(links: ReadonlyMap<string, string>, rel: string, name: string): string | null {
  const target = links.get(rel);
  if (!target) return null;
  try {
    return new URL(target, 'http://relative.invalid').searchParams.get(name);
  } catch {
    return null;
  }
}
