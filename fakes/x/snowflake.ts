// Snowflake ids for the fake X server: the creation time sits in the high bits, as on X,
// so id order is time order and the 7-day window can be checked from an id alone.

const TWITTER_EPOCH_MS = 1_288_834_974_657n;
const SEQUENCE_BITS = 22n;

/** The X id for a post created at `ms`, with `sequence` (0 … 4,194,303) in the low bits. */
export function snowflakeFor(ms: number, sequence = 0): string {
  return (((BigInt(Math.floor(ms)) - TWITTER_EPOCH_MS) << SEQUENCE_BITS) + BigInt(sequence)).toString();
}

/** Creation time (ms since epoch) encoded in an X id. */
export function snowflakeMs(id: string): number {
  return Number((BigInt(id) >> SEQUENCE_BITS) + TWITTER_EPOCH_MS);
}

/** Compares two decimal id strings numerically (ids outgrow Number's exact range). */
export function compareIds(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}
