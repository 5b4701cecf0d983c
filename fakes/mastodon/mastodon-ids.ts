// Mastodon-style status ids for the fake: a Snowflake variant of (milliseconds << 16) | sequence,
// serialised as a decimal string, so id order follows creation time as on a real server.

/** The id Mastodon gives a status created at `ms` with the given 16-bit sequence number. */
export function mastodonIdAt(ms: number, sequence: number): string {
  return ((BigInt(ms) << 16n) | BigInt(sequence & 0xffff)).toString();
}

/** Orders decimal ids numerically (as Mastodon's database does): negative when a is older than b. */
export function compareIds(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Whether a pagination parameter is an id Mastodon could compare; anything else is ignored. */
export function isNumericId(value: string | null): value is string {
  return value !== null && /^[0-9]{1,20}$/.test(value);
}
