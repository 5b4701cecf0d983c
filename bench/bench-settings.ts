// What every benchmark entry point shares: the campaign's clock and time zone, and how a count is read from the command line.
import { InvalidArgumentError } from 'commander';

/** The benchmark's clock: the campaign ends here and the API answers as if it were now. */
export const BENCH_NOW = Date.parse('2026-06-30T16:00:00Z');
/** The zone the benchmark's dashboard buckets days in. */
export const BENCH_TIME_ZONE = 'America/New_York';

/** A command-line count: a whole number ≥ 1, `_` allowed as a separator (1_000_000). */
export function positiveInteger(value: string): number {
  const parsed = Number(value.replace(/_/g, ''));
  if (!Number.isInteger(parsed) || parsed < 1) throw new InvalidArgumentError('must be a whole number ≥ 1');
  return parsed;
}
