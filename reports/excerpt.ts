// Short, single-line excerpts of post text for quoting in a report. Post text comes from the
// networks and is untrusted: this only shortens it; each renderer escapes it for its format.

const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * `text` on one line, cut to at most `max` characters (graphemes, so emoji and accents stay whole)
 * at a word boundary, with "…" when cut. Control characters are dropped.
 */
export function excerpt(text: string, max = 200): string {
  const oneLine = text.replace(/[\p{Cc}\u2028\u2029]+/gu, ' ').replace(/\s+/g, ' ').trim();
  const graphemes = [...segmenter.segment(oneLine)].map((part) => part.segment);
  if (graphemes.length <= max) return oneLine;
  const cut = graphemes.slice(0, max - 1).join('');
  const lastSpace = cut.lastIndexOf(' ');
  // Cut at the last space unless that would throw away most of the excerpt (one very long word or URL).
  const shortened = lastSpace > cut.length * 0.6 ? cut.slice(0, lastSpace) : cut;
  return `${shortened.replace(/[\s.,;:!?-]+$/, '')}…`;
}
