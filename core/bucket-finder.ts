// Which bucket of an ascending, non-overlapping list holds an instant: a binary search, for code that
// reads a range's rows once and sorts them into buckets itself.

/** The index of the bucket holding `at`, or null when none does. */
export function bucketFinder(buckets: ReadonlyArray<{ start: number; end: number }>): (at: number) => number | null {
  return (at) => {
    let low = 0;
    let high = buckets.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const bucket = buckets[middle]!;
      if (at < bucket.start) high = middle - 1;
      else if (at >= bucket.end) low = middle + 1;
      else return middle;
    }
    return null;
  };
}
