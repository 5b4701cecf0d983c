// app.bsky.feed.searchPosts as the fake understands it: parameter checks with XRPC's error answers,
// and a small query language (words, #tags, from:handle, *) matched against stored posts.
import { badQueryString, invalidRequest, type Answer } from './xrpc-answers.js';

export interface SearchRequest {
  q: string;
  /** Lower-cased, NFC; every one must be present (AND). */
  tags: string[];
  sort: 'latest' | 'top';
  /** Inclusive, ms. */
  sinceMs: number | null;
  /** Exclusive, ms. */
  untilMs: number | null;
  limit: number;
  cursor: string | null;
  lang: string | null;
  author: string | null;
}

export interface SearchablePost {
  text: string;
  tags: ReadonlySet<string>;
  langs: readonly string[];
  authorDid: string;
  authorHandle: string;
}

const NOT_EMULATED = ['mentions', 'domain', 'url'];

export const normalizeTag = (tag: string): string => tag.normalize('NFC').toLowerCase();

/** ISO datetime or bare date (YYYY-MM-DD, midnight UTC), as the lexicon allows; null if neither. */
function parseTime(value: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2}))?$/.test(value)) return null;
  const ms = Date.parse(/T/.test(value) ? value : `${value}T00:00:00Z`);
  return Number.isNaN(ms) ? null : ms;
}

export function checkSearchRequest(query: URLSearchParams): { ok: true; value: SearchRequest } | { ok: false; answer: Answer } {
  const fail = (answer: Answer) => ({ ok: false as const, answer });
  const q = query.get('q');
  if (q === null) return fail(invalidRequest('Error: Params must have the property "q"'));
  for (const name of NOT_EMULATED) if (query.has(name)) return fail(invalidRequest(`FakeBlueskyServer does not emulate the "${name}" parameter`));
  let limit = 25;
  const rawLimit = query.get('limit');
  if (rawLimit !== null) {
    if (!/^-?\d+$/.test(rawLimit)) return fail(invalidRequest('Error: limit must be an integer'));
    limit = Number(rawLimit);
    if (limit < 1) return fail(invalidRequest('Error: limit can not be less than 1'));
    if (limit > 100) return fail(invalidRequest('Error: limit can not be greater than 100'));
  }
  const times: Record<'since' | 'until', number | null> = { since: null, until: null };
  for (const name of ['since', 'until'] as const) {
    const raw = query.get(name);
    if (raw === null) continue;
    times[name] = parseTime(raw);
    if (times[name] === null) return fail(badQueryString(`invalid ${name} datetime: ${raw}`));
  }
  const tags = query.getAll('tag');
  for (const tag of tags) {
    if (tag.length > 640 || [...new Intl.Segmenter().segment(tag)].length > 64) return fail(invalidRequest('Error: tag/0 must not be longer than 64 graphemes'));
  }
  const sort = query.get('sort') ?? 'latest';
  return {
    ok: true,
    value: {
      q,
      tags: tags.map(normalizeTag),
      sort: sort === 'top' ? 'top' : 'latest',
      sinceMs: times.since,
      untilMs: times.until,
      limit,
      cursor: query.get('cursor'),
      lang: query.get('lang'),
      author: query.get('author'),
    },
  };
}

export type QueryTerm = { kind: 'all' } | { kind: 'tag'; tag: string } | { kind: 'word'; word: string } | { kind: 'from'; actor: string };

export class QuerySyntaxError extends Error {
  override name = 'QuerySyntaxError';
}

/** Splits q into terms that must all match. Operators other than from: are not emulated. */
export function parseQuery(q: string): QueryTerm[] {
  const terms: QueryTerm[] = [];
  for (const token of q.trim().split(/\s+/).filter(Boolean)) {
    if (token === '*') terms.push({ kind: 'all' });
    else if (/^[#＃]./u.test(token)) terms.push({ kind: 'tag', tag: normalizeTag(token.slice(1)) });
    else if (token.startsWith('from:')) terms.push({ kind: 'from', actor: token.slice(5).toLowerCase() });
    else if (/^[a-z]+:/i.test(token) || /["()]/.test(token)) throw new QuerySyntaxError(`FakeBlueskyServer does not emulate the query syntax "${token}"`);
    else terms.push({ kind: 'word', word: token.toLowerCase() });
  }
  if (terms.length === 0) throw new QuerySyntaxError('the query is empty');
  return terms;
}

function words(text: string): Set<string> {
  return new Set(text.toLowerCase().split(/[^\p{L}\p{N}_]+/u).filter(Boolean));
}

/**
 * True when every term matches. `loose` emulates a search service that treats `#tag` as a plain
 * word too, so posts that only mention the word in their text come back.
 */
export function matchesQuery(terms: readonly QueryTerm[], post: SearchablePost, loose: boolean): boolean {
  const postWords = words(post.text);
  return terms.every((term) => {
    switch (term.kind) {
      case 'all':
        return true;
      case 'tag':
        return post.tags.has(term.tag) || (loose && postWords.has(term.tag));
      case 'word':
        return postWords.has(term.word);
      case 'from':
        return term.actor === post.authorDid || term.actor === post.authorHandle.toLowerCase();
    }
  });
}
