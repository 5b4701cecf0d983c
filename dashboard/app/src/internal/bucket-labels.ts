// Chart bucket labels that say when a bucket is not whole: "Wed, Nov 4 (so far)", "Oct 26
// (partly collected)". Charts and their tables use the same words, so a partial bucket never
// reads as a complete one. Pure.
import type { SeriesPoint, TimeseriesResponse } from '../api/api-types.js';
import { BUCKET_STATUS_LABELS, formatBucket } from './format.js';

/** The axis label of a point: the bucket, plus its status when it is not complete. */
export function bucketLabel(point: SeriesPoint, series: TimeseriesResponse, timeZone: string): string {
  const label = formatBucket(point.start, series.interval, timeZone);
  return point.status === 'complete' ? label : `${label} (${BUCKET_STATUS_LABELS[point.status]})`;
}

/** The table header of the bucket column. */
export function bucketColumnName(series: TimeseriesResponse): string {
  return series.interval === 'week' ? 'Week' : series.interval === 'hour' ? 'Hour' : 'Day';
}

/** Whether a point's value is less than a whole bucket's (partly collected or still running). */
export function isPartial(point: SeriesPoint | undefined): boolean {
  return point?.status === 'partial' || point?.status === 'in_progress';
}
