// X ids are Snowflakes: the creation time is encoded in the high bits, which lets the collector
// tell whether a stored since_id is still inside the 7-day recent-search window.

const TWITTER_EPOCH_MS = 1_288_834_974_657n;

/** Creation time (ms since epoch) encoded in an X id. */
export function snowflakeTime(id: string): number {
  return Number((BigInt(id) >> 22n) + TWITTER_EPOCH_MS);
}

/** The smallest id that could have been created at `ms` (useful as an exclusive lower bound). */
export function snowflakeAt(ms: number): string {
  return ((BigInt(Math.floor(ms)) - TWITTER_EPOCH_MS) << 22n).toString();
}
