// Text comparison for attributing edited copies of a shareable: what counts as "the same words",
// how alike two texts are, and how much of one was changed to get the other.
import twitterText from 'twitter-text';

/**
 * The words of a post, for comparison: Unicode-normalised (NFKC), lower-cased, with links
 * (with or without protocol, and networks' shortened "example.org/pa…" forms), hashtags and
 * punctuation removed. Hashtags go because every campaign post shares them; links because
 * networks rewrite them (t.co, shortened display text) and the link path is matched separately.
 */
export function comparableWords(text: string): string[] {
  let rest = text.normalize('NFKC');
  const urls = twitterText.extractUrlsWithIndices(rest);
  for (const { indices } of [...urls].reverse()) rest = `${rest.slice(0, indices[0])} ${rest.slice(indices[1])}`;
  return rest
    .replace(/(?<![\p{L}\p{N}_])#[\p{L}\p{N}_]+/gu, ' ')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .split(' ')
    .filter(Boolean);
}

/** Character trigrams of the words joined by single spaces (padded, so short words count), with counts. */
export function trigramProfile(words: readonly string[]): Map<string, number> {
  const joined = ` ${words.join(' ')} `;
  const chars = Array.from(joined);
  const profile = new Map<string, number>();
  for (let i = 0; i + 3 <= chars.length; i += 1) {
    const gram = chars.slice(i, i + 3).join('');
    profile.set(gram, (profile.get(gram) ?? 0) + 1);
  }
  return profile;
}

function profileSize(profile: ReadonlyMap<string, number>): number {
  let size = 0;
  for (const count of profile.values()) size += count;
  return size;
}

/**
 * Sørensen–Dice coefficient of two trigram profiles (multisets): 2·|A∩B| / (|A| + |B|), from 0
 * (nothing shared) to 1 (same words in the same order). Trigrams rather than whole words, so a
 * fixed typo or a changed word ending costs little, while rewording costs a lot.
 */
export function diceSimilarity(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  const total = profileSize(a) + profileSize(b);
  if (total === 0) return 0;
  let shared = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const [gram, count] of small) shared += Math.min(count, large.get(gram) ?? 0);
  return (2 * shared) / total;
}

/**
 * Word-level edit distance (insertions, deletions, substitutions) divided by the longer text's word
 * count: 0 when the words are unchanged, 1 when none survive. This is the "how much did they edit" figure.
 */
export function editedFraction(original: readonly string[], edited: readonly string[]): number {
  const longest = Math.max(original.length, edited.length);
  if (longest === 0) return 0;
  let previous = Array.from({ length: edited.length + 1 }, (_, j) => j);
  for (let i = 1; i <= original.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= edited.length; j += 1) {
      const substitution = previous[j - 1]! + (original[i - 1] === edited[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[edited.length]! / longest;
}
