// The lift of a campaign moment: posts, engagements gained and new contributors in the 48 hours
// after it against the same 48 hours of earlier weeks that were collected. Pure: numbers in, verdict out.
import type { AlertMetric } from './surge-detection.js';

export const MOMENT_WINDOW_MS = 48 * 3_600_000;
/** Earlier weeks looked at for the baseline (only collected ones count). */
export const MOMENT_BASELINE_WEEKS = 4;
/** Fewer collected baseline weeks than this: "too little data". */
export const MOMENT_MIN_BASELINE_WEEKS = 2;

export type MomentFigures = Record<AlertMetric, number>;

export interface MetricLift {
  after: number;
  /** Average of the same 48 hours in the collected baseline weeks. */
  usual: number;
  /** after − usual. */
  lift: number;
  /** Lift as a percentage of usual; null when usual is 0. */
  liftPercent: number | null;
}

export type MomentLift =
  | { status: 'measuring'; reason: string }
  | { status: 'too_little_data'; reason: string; baselineWeeks: number }
  | { status: 'measured'; baselineWeeks: number; metrics: Record<AlertMetric, MetricLift> };

export interface MomentLiftInput {
  /** When the moment was (ms). */
  at: number;
  now: number;
  /** Figures of the 48 hours after the moment, or null when those hours were not all collected. */
  after: MomentFigures | null;
  /** Figures of the same 48 hours in each earlier week that was collected. */
  baseline: readonly MomentFigures[];
}

const round1 = (value: number) => Math.round(value * 10) / 10;

export function momentLift(input: MomentLiftInput): MomentLift {
  if (input.now < input.at + MOMENT_WINDOW_MS) return { status: 'measuring', reason: 'the 48 hours after the moment have not passed yet' };
  if (input.after === null) return { status: 'too_little_data', reason: 'the 48 hours after the moment were not all collected', baselineWeeks: input.baseline.length };
  if (input.baseline.length < MOMENT_MIN_BASELINE_WEEKS) {
    return { status: 'too_little_data', reason: `only ${input.baseline.length} of the ${MOMENT_BASELINE_WEEKS} weeks before were collected for those hours (at least ${MOMENT_MIN_BASELINE_WEEKS} needed)`, baselineWeeks: input.baseline.length };
  }
  const after = input.after;
  const lift = (metric: AlertMetric): MetricLift => {
    const usual = round1(input.baseline.reduce((sum, week) => sum + week[metric], 0) / input.baseline.length);
    const value = after[metric];
    return { after: value, usual, lift: round1(value - usual), liftPercent: usual === 0 ? null : Math.round(((value - usual) / usual) * 100) };
  };
  return { status: 'measured', baselineWeeks: input.baseline.length, metrics: { posts: lift('posts'), engagements: lift('engagements'), new_contributors: lift('new_contributors') } };
}
