// Which shareable, if any, a collected post used. Pure: the caller supplies the generated posts
// and the collected post's text and expanded links; storing the result is the database's job.
//
// 1. Link: a link whose utm_content names a shareable (and whose utm_campaign, if any, is this
//    campaign's) attributes the post to it outright. Use the expanded URLs the networks report:
//    X shows t.co links in the text, Bluesky shortens link text.
// 2. Text: otherwise the post is compared with every generated post. Both texts are reduced to
//    comparable words (links, hashtags, punctuation and case removed; see comparableWords) and
//    scored by the Sørensen–Dice coefficient of their character trigrams. The best score at or
//    above TEXT_MATCH_THRESHOLD (0.65) wins; ties go to the post for the same network, then file order.
//    0.65 was chosen on the sample copy: edits that keep the message (a comment added, a sentence
//    cut, words swapped) scored 0.74–0.97; unrelated #jobquality posts on the same subjects scored
//    0.22–0.47 (everyday words share trigrams); a loose paraphrase of an event post scored 0.62 and
//    is rightly left out: it is the supporter's own post.
//    Posts with fewer than MIN_COMPARABLE_WORDS words after reduction are never matched by text:
//    "Fix work, not workers!" alone is the slogan, not a use of a shareable.
// Either way the result says how much the supporter edited it: the word-level edit distance to
// the generated post for that network, as a fraction of the longer text (0 = used as written).
import type { SharePost } from './generate-posts.js';
import { comparableWords, diceSimilarity, editedFraction, trigramProfile } from './text-similarity.js';
import { readUtmContent } from './utm.js';

/** The similarity from which an edited copy is attributed to a shareable. */
export const TEXT_MATCH_THRESHOLD = 0.65;
/** Shorter posts are too generic to attribute by text. */
export const MIN_COMPARABLE_WORDS = 5;

/** What attribution needs of a collected post (a NormalizedPost fits). */
export interface CollectedPostText {
  /** The network it was collected from (x, bluesky, mastodon). */
  network: string;
  text: string;
  /** Expanded link targets in the post. */
  links: readonly string[];
}

export interface Attribution {
  shareableId: string;
  /** `link`: a utm_content link named it; `text`: the text was similar enough. */
  method: 'link' | 'text';
  /** Similarity (0–1) to the closest generated post of that shareable. */
  score: number;
  /** How much the supporter changed the words (0 = as generated, 1 = all of them). */
  edited: number;
  /** The network whose generated post it was closest to. */
  closestNetwork: string;
}

export interface AttributorOptions {
  /** utm_campaign of our links: links tagged for another campaign are not ours. */
  campaign: string;
  /** Defaults to TEXT_MATCH_THRESHOLD. */
  threshold?: number;
}

interface Candidate {
  post: SharePost;
  words: string[];
  profile: Map<string, number>;
}

/** Prepares the generated posts once and returns a function that attributes one collected post (or returns null). */
export function createAttributor(posts: readonly SharePost[], options: AttributorOptions): (post: CollectedPostText) => Attribution | null {
  const threshold = options.threshold ?? TEXT_MATCH_THRESHOLD;
  const candidates: Candidate[] = posts.map((post) => {
    const words = comparableWords(post.text);
    return { post, words, profile: trigramProfile(words) };
  });
  const shareableIds = new Set(posts.map((post) => post.shareableId));

  const closest = (pool: readonly Candidate[], network: string, profile: Map<string, number>) => {
    let best: { candidate: Candidate; score: number } | null = null;
    for (const candidate of pool) {
      const score = diceSimilarity(profile, candidate.profile);
      const better = !best || score > best.score || (score === best.score && candidate.post.network === network && best.candidate.post.network !== network);
      if (better) best = { candidate, score };
    }
    return best;
  };

  return (collected) => {
    const words = comparableWords(collected.text);
    const profile = trigramProfile(words);
    const result = (candidate: Candidate, score: number, method: Attribution['method']): Attribution => ({
      shareableId: candidate.post.shareableId,
      method,
      score,
      edited: editedFraction(candidate.words, words),
      closestNetwork: candidate.post.network,
    });

    for (const link of collected.links) {
      const utm = readUtmContent(link);
      if (!utm || !shareableIds.has(utm.content) || (utm.campaign !== null && utm.campaign !== options.campaign)) continue;
      const own = candidates.filter((candidate) => candidate.post.shareableId === utm.content);
      const best = closest(own, collected.network, profile)!;
      return result(best.candidate, best.score, 'link');
    }

    if (words.length < MIN_COMPARABLE_WORDS) return null;
    const best = closest(candidates, collected.network, profile);
    return best && best.score >= threshold ? result(best.candidate, best.score, 'text') : null;
  };
}

/** Attributes one collected post; for many, use createAttributor so the generated posts are prepared once. */
export function attributePost(collected: CollectedPostText, posts: readonly SharePost[], options: AttributorOptions): Attribution | null {
  return createAttributor(posts, options)(collected);
}
