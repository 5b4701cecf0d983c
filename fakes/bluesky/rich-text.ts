// Rich-text facets as Bluesky clients create them: hashtags and links found in the text, each
// annotated with UTF-8 byte offsets (start inclusive, end exclusive), not JavaScript string indices.

export interface Facet {
  $type: 'app.bsky.richtext.facet';
  index: { byteStart: number; byteEnd: number };
  features: Array<{ $type: 'app.bsky.richtext.facet#tag'; tag: string } | { $type: 'app.bsky.richtext.facet#link'; uri: string }>;
}

// The hashtag rule of Bluesky's reference client: '#' after start or whitespace, not only digits,
// invisible separators excluded; trailing punctuation is not part of the tag.
const TAG_PATTERN = /(^|\s)([#＃]((?!\ufe0f)[^\s\u00AD\u2060\u200A\u200B\u200C\u200D\u20e2]*[^\d\s\p{P}\u00AD\u2060\u200A\u200B\u200C\u200D\u20e2]+[^\s\u00AD\u2060\u200A\u200B\u200C\u200D\u20e2]*)?)/gu;
const LINK_PATTERN = /(^|\s|\()(https?:\/\/[^\s]+)/giu;
const MAX_TAG_GRAPHEMES = 64;

/** The UTF-8 byte offset of UTF-16 index `index` in `text`. */
export function utf8Offset(text: string, index: number): number {
  return Buffer.byteLength(text.slice(0, index), 'utf8');
}

/** The text a facet covers, decoded from the UTF-8 bytes as a client would. */
export function facetText(text: string, facet: { index: { byteStart: number; byteEnd: number } }): string {
  return Buffer.from(text, 'utf8').subarray(facet.index.byteStart, facet.index.byteEnd).toString('utf8');
}

function facet(text: string, start: number, end: number, feature: Facet['features'][number]): Facet {
  return { $type: 'app.bsky.richtext.facet', index: { byteStart: utf8Offset(text, start), byteEnd: utf8Offset(text, end) }, features: [feature] };
}

/** Tag and link facets for `text`, in text order. */
export function detectFacets(text: string): Facet[] {
  const found: Array<{ at: number; facet: Facet }> = [];
  for (const match of text.matchAll(LINK_PATTERN)) {
    const start = match.index + match[1]!.length;
    let uri = match[2]!.replace(/[.,;:!?]+$/, '');
    // A closing parenthesis belongs to the URL only if the URL opened one.
    if (uri.endsWith(')') && !uri.includes('(')) uri = uri.slice(0, -1);
    found.push({ at: start, facet: facet(text, start, start + uri.length, { $type: 'app.bsky.richtext.facet#link', uri }) });
  }
  for (const match of text.matchAll(TAG_PATTERN)) {
    if (!match[3]) continue;
    const tag = match[3].replace(/\p{P}+$/u, '');
    if (!tag || [...new Intl.Segmenter().segment(tag)].length > MAX_TAG_GRAPHEMES) continue;
    const start = match.index + match[1]!.length;
    // The facet covers '#' and the tag; the feature carries the tag without '#'.
    found.push({ at: start, facet: facet(text, start, start + 1 + tag.length, { $type: 'app.bsky.richtext.facet#tag', tag }) });
  }
  return found.sort((a, b) => a.at - b.at).map((entry) => entry.facet);
}
