// Mastodon's id-based timeline pagination, as documented in api-guidelines.md and methods-timelines.md:
// max_id is an upper bound, since_id a lower bound answered from the newest end, min_id a cursor that
// pages forward from just above it; every answer is newest first. Plus the Link header it sends.
import { compareIds, isNumericId } from './mastodon-ids.js';

export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 40;

export interface PageParams {
  maxId: string | null;
  sinceId: string | null;
  minId: string | null;
  limit: number;
}

/**
 * Reads pagination parameters as Mastodon does: limit defaults to 20 and is capped at 40
 * (`"abc".to_i` is 0, so a junk limit answers an empty page); ids that are not numbers are ignored.
 */
export function readPageParams(query: URLSearchParams): PageParams {
  const rawLimit = query.get('limit');
  const parsed = rawLimit === null ? DEFAULT_LIMIT : Math.abs(Number.parseInt(rawLimit, 10)) || 0;
  const id = (name: string) => {
    const value = query.get(name);
    return isNumericId(value) ? value : null;
  };
  return { maxId: id('max_id'), sinceId: id('since_id'), minId: id('min_id'), limit: Math.min(parsed, MAX_LIMIT) };
}

/** One page of `items` (any order) by the rules above, newest first. */
export function selectPage<T extends { id: string }>(items: readonly T[], params: PageParams): T[] {
  const inRange = items.filter(
    (item) =>
      (params.maxId === null || compareIds(item.id, params.maxId) < 0) &&
      (params.sinceId === null || compareIds(item.id, params.sinceId) > 0) &&
      (params.minId === null || compareIds(item.id, params.minId) > 0),
  );
  if (params.minId !== null) {
    // min_id: the `limit` statuses immediately above the cursor, still answered newest first.
    return inRange.sort((a, b) => compareIds(a.id, b.id)).slice(0, params.limit).reverse();
  }
  return inRange.sort((a, b) => compareIds(b.id, a.id)).slice(0, params.limit);
}

/**
 * The Link header for a non-empty page: `next` continues to older statuses (max_id = the oldest
 * shown), `prev` to newer ones (min_id = the newest shown). Other permitted parameters are kept.
 */
export function linkHeader(endpointUrl: string, kept: URLSearchParams, page: ReadonlyArray<{ id: string }>): string | null {
  if (page.length === 0) return null;
  const link = (name: string, value: string) => {
    const params = new URLSearchParams(kept);
    params.set(name, value);
    return `${endpointUrl}?${params.toString()}`;
  };
  return `<${link('max_id', page[page.length - 1]!.id)}>; rel="next", <${link('min_id', page[0]!.id)}>; rel="prev"`;
}
