// The slowing metric-refresh schedule: counts keep growing after a post is found, so each post is
// re-read at fixed ages (by default about +1 h, +1 day, +7 days, +30 days after posting), then never.

/**
 * When a post should next be re-read: the first scheduled age after its latest reading,
 * or null when every scheduled age has passed.
 */
export function nextRefreshAt(createdAt: number, lastReadingAt: number, offsetsMs: readonly number[]): number | null {
  for (const offset of offsetsMs) {
    const due = createdAt + offset;
    if (due > lastReadingAt) return due;
  }
  return null;
}
