// Summaries of repeated timings: median and 95th percentile (nearest rank), in milliseconds.

export interface Timing {
  /** Number of timed repetitions. */
  n: number;
  medianMs: number;
  p95Ms: number;
  minMs: number;
}

/** Median, p95 (nearest rank) and minimum of `samples` (ms); all NaN when there are none. */
export function summarize(samples: readonly number[]): Timing {
  if (samples.length === 0) return { n: 0, medianMs: Number.NaN, p95Ms: Number.NaN, minMs: Number.NaN };
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  const medianMs = sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  const p95Ms = sorted[Math.min(sorted.length - 1, Math.ceil(0.95 * sorted.length) - 1)]!;
  return { n: sorted.length, medianMs, p95Ms, minMs: sorted[0]! };
}
