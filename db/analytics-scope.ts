// What every analytics query shares: the scope filters (networks, one tracked hashtag), time windows,
// and the split of a window into whole UTC hours (read from the hourly rollups) and partial-hour
// edges (read from the raw tables), so any window is answered exactly and fast.
import type { Network } from '../core/types.js';

export const HOUR_MS = 3_600_000;

/** Which posts a question is about. */
export interface AnalyticsScope {
  /** Networks in scope (never empty; all networks when the caller did not narrow it). */
  networks: readonly Network[];
  /** One tracked hashtag (lower case, no '#'), or null for every tracked post. */
  hashtag: string | null;
}

/** A half-open time window [start, end) in milliseconds since the epoch (UTC). */
export interface TimeWindow {
  start: number;
  end: number;
}

/** One piece of a window, tagged with the index `k` of the window it belongs to. */
export interface Piece {
  k: number;
  s: number;
  e: number;
}

/** Windows split into whole-hour spans (`s`/`e` are hour numbers, end exclusive) and raw edges (`s`/`e` in ms). */
export interface SplitWindows {
  hours: Piece[];
  edges: Piece[];
}

/** Splits each window into its whole UTC hours and the partial hours at either end. */
export function splitOnHours(windows: readonly TimeWindow[]): SplitWindows {
  const split: SplitWindows = { hours: [], edges: [] };
  windows.forEach((window, k) => {
    if (window.end <= window.start) return;
    const firstHour = Math.ceil(window.start / HOUR_MS);
    const endHour = Math.floor(window.end / HOUR_MS);
    if (firstHour >= endHour) {
      split.edges.push({ k, s: window.start, e: window.end });
      return;
    }
    split.hours.push({ k, s: firstHour, e: endHour });
    if (window.start < firstHour * HOUR_MS) split.edges.push({ k, s: window.start, e: firstHour * HOUR_MS });
    if (endHour * HOUR_MS < window.end) split.edges.push({ k, s: endHour * HOUR_MS, e: window.end });
  });
  return split;
}

/** Windows as pieces, whole (for questions the rollups cannot answer, such as distinct contributors). */
export function wholePieces(windows: readonly TimeWindow[]): Piece[] {
  return windows.map((window, k) => ({ k, s: window.start, e: window.end })).filter((piece) => piece.e > piece.s);
}

/** Named parameters for the scope filters of {@link rawScopeSql} and {@link rollupScopeSql}. */
export function scopeParams(scope: AnalyticsScope): { networks: string; tag: string } {
  return { networks: JSON.stringify(scope.networks), tag: scope.hashtag ?? '' };
}

/** Filter on a live post `p` for the scope (needs @networks and @tag). */
export function rawScopeSql(p = 'p'): string {
  return `${p}.removed_at IS NULL AND ${p}.network IN (SELECT value FROM json_each(@networks))
    AND (@tag = '' OR EXISTS (SELECT 1 FROM json_each(${p}.matched_hashtags) WHERE value = @tag))`;
}

/** Filter on a rollup row `r` for the scope (needs @networks and @tag; tag '' holds every post). */
export function rollupScopeSql(r = 'r'): string {
  return `${r}.tag = @tag AND ${r}.network IN (SELECT value FROM json_each(@networks))`;
}
