// The local calendar days of one time zone as numbered instants (day 0 starts at the local midnight
// on or before the first instant asked for), so per-day totals line up with the dashboard's day
// buckets, daylight-saving days of 23 and 25 hours included. Pure: luxon only, no clock.
import { DateTime } from 'luxon';

export class LocalDays {
  /** starts[d] is the first instant of day d; starts[count] the end of the last day held. */
  private starts: Float64Array<ArrayBuffer>;
  private size: number;

  constructor(
    readonly timeZone: string,
    firstInstant: number,
  ) {
    const first = DateTime.fromMillis(firstInstant, { zone: timeZone }).startOf('day');
    if (!first.isValid) throw new RangeError(`unknown time zone "${timeZone}": give an IANA name such as Europe/London`);
    this.starts = new Float64Array(64);
    this.starts[0] = first.toMillis();
    this.size = 0;
    this.extendTo(firstInstant);
  }

  /** Days held (day indexes 0 … count − 1). */
  get count(): number {
    return this.size;
  }

  /** The first instant of day `d` (0 … count; count gives the end of the last day). */
  startOf(d: number): number {
    return this.starts[d]!;
  }

  /** Holds days up to the one containing `ms` (never earlier than day 0). */
  extendTo(ms: number): void {
    while (this.starts[this.size]! <= ms) {
      if (this.size + 1 >= this.starts.length) {
        const grown = new Float64Array(this.starts.length * 2);
        grown.set(this.starts);
        this.starts = grown;
      }
      const start = DateTime.fromMillis(this.starts[this.size]!, { zone: this.timeZone });
      this.starts[this.size + 1] = start.plus({ days: 1 }).startOf('day').toMillis();
      this.size += 1;
    }
  }

  /** The day containing `ms`: −1 before day 0, `count` at or after the end of the last day held. */
  dayOf(ms: number): number {
    if (ms < this.starts[0]!) return -1;
    let low = 0;
    let high = this.size;
    // The last d in [0, size] with starts[d] <= ms.
    while (low < high) {
      const mid = (low + high + 1) >>> 1;
      if (this.starts[mid]! <= ms) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  /** The first day starting at or after `ms` (0 … count). */
  firstDayFrom(ms: number): number {
    const d = this.dayOf(ms);
    if (d < 0) return 0;
    return this.starts[d] === ms ? d : Math.min(d + 1, this.size);
  }
}
