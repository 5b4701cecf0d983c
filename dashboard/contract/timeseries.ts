// GET /api/timeseries: one series of the catalogue in buckets, each saying whether it was collected.
import { z } from 'zod';
import { SERIES_IDS } from '../../core/kpi-catalogue.js';
import { definitions, isoInstant } from './common.js';

export const seriesMetric = z.enum(SERIES_IDS);
export const interval = z.enum(['hour', 'day', 'week']);
export const bucketStatus = z.enum(['complete', 'partial', 'in_progress', 'not_collected']);
const basis = z.enum(['created', 'gained']);

export const seriesPoint = z.strictObject({
  start: isoInstant,
  end: isoInstant,
  /** Null where nothing of the bucket was collected (a gap, never 0). */
  value: z.number().nullable(),
  status: bucketStatus,
});

export const seriesDefinition = z.strictObject({ id: seriesMetric, label: z.string(), definition: z.string(), basis });

export const timeseriesAnswer = z.strictObject({
  metric: seriesMetric,
  interval,
  timeZone: z.string(),
  basis,
  definition: seriesDefinition,
  /** Buckets that have begun; later ones are not returned. */
  points: z.array(seriesPoint),
  definitions,
});
