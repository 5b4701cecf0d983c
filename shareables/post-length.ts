// Counts a post the way each network counts it, so a generated post is never refused or cut.
//   X         280, weighted by the official twitter-text v3 rules (URLs 23, emoji and most CJK 2).
//   Bluesky   300 grapheme clusters (Intl.Segmenter), links counted in full as they stand in the text.
//   Mastodon  500 grapheme clusters with every http(s) URL counted as 23, as Mastodon's
//             StatusLengthValidator does (URLs found by the same twitter-text extractor, protocol required).
//   Threads, LinkedIn, Facebook publish no counting rules: we count UTF-16 code units, as a browser
//             textarea's maxlength does. That is never less than graphemes or code points, so a post that
//             fits by this count fits by theirs.
import twitterText from 'twitter-text';
import { networkById } from '../core/networks.js';
import type { ShareNetwork } from './networks.js';

/** How long a post is for one network, against that network's limit. */
export interface PostLength {
  length: number;
  limit: number;
  fits: boolean;
}

const MASTODON_URL_LENGTH = 23;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** User-perceived characters: an emoji ZWJ family, a flag or a letter with combining marks counts once. */
export function countGraphemes(text: string): number {
  let count = 0;
  for (const _ of graphemes.segment(text)) count += 1;
  return count;
}

/** X's weighted length and validity (the text must also contain no characters X refuses). */
export function xLength(text: string): { length: number; valid: boolean } {
  const parsed = twitterText.parseTweet(text);
  return { length: parsed.weightedLength, valid: parsed.valid };
}

/** Mastodon's count: graphemes, with each URL that has a protocol standing for 23. */
export function mastodonLength(text: string): number {
  const urls = twitterText.extractUrlsWithIndices(text, { extractUrlsWithoutProtocol: false });
  let length = 0;
  let from = 0;
  for (const { indices } of urls) {
    length += countGraphemes(text.slice(from, indices[0])) + MASTODON_URL_LENGTH;
    from = indices[1];
  }
  return length + countGraphemes(text.slice(from));
}

/** Measures `text` for `network` by the registry's counting rule. An empty post never fits: no network accepts one. */
export function measurePost(network: ShareNetwork, text: string): PostLength {
  const { postLimit: limit, lengthCounting } = networkById(network);
  const nonEmpty = text.trim().length > 0;
  switch (lengthCounting) {
    case 'twitter-text': {
      const { length, valid } = xLength(text);
      return { length, limit, fits: nonEmpty && valid && length <= limit };
    }
    case 'graphemes': {
      const length = countGraphemes(text);
      return { length, limit, fits: nonEmpty && length <= limit };
    }
    case 'graphemes-urls-23': {
      const length = mastodonLength(text);
      return { length, limit, fits: nonEmpty && length <= limit };
    }
    case 'characters':
      return { length: text.length, limit, fits: nonEmpty && text.length <= limit };
  }
}
