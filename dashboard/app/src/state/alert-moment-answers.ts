// The `/api/alerts` and `/api/moments` answers as the app reads them. Types only, kept here until
// api/api-types.ts (the API contract) exports them under these same names; then this file goes.

export type AlertMetric = 'posts' | 'engagements' | 'new_contributors';

/** One unusual hour: what moved, against what is usual, who drove it and whether it was sent. */
export interface Alert {
  metric: AlertMetric;
  direction: 'surge' | 'stop';
  /** ISO start of the hour the alert is about. */
  hourStart: string;
  value: number;
  /** The usual value: median of the same hour of the week in `baselineWeeks` collected weeks. */
  baselineMedian: number;
  baselineWeeks: number;
  score: number;
  /** Plain text written by the server (holds post text: render as text). */
  message: string;
  drivers: {
    /** Untrusted text and handles from social networks: render as text only. */
    topPosts: Array<{ network: string; url: string; author: string; text: string; engagements: number; readyMade: boolean }>;
    topContributors: Array<{ network: string; username: string; posts: number; engagements: number }>;
    /** Posts in the hour that used one of the campaign's ready-made posts. */
    readyMadePosts: number;
  };
  detectedAt: string;
  delivery: 'pending' | 'delivered' | 'over_daily_cap';
  deliveredAt: string | null;
}

export interface AlertsResponse {
  /** Newest hour first. */
  alerts: Alert[];
}

export interface MetricLift {
  after: number;
  /** Average of the same 48 hours in the collected baseline weeks. */
  usual: number;
  lift: number;
  /** Null when usual is 0. */
  liftPercent: number | null;
}

export type MomentLift =
  | { status: 'measuring'; reason: string }
  | { status: 'too_little_data'; reason: string; baselineWeeks: number }
  | { status: 'measured'; baselineWeeks: number; metrics: Record<AlertMetric, MetricLift> };

export interface Moment {
  /** ISO time of the moment. */
  at: string;
  /** Staff-written (content file); still rendered as text. */
  what: string;
  /** A network id, or 'all'. */
  network: string;
  lift: MomentLift;
}

export interface MomentsResponse {
  contentFileLoaded: boolean;
  /** In time order. */
  moments: Moment[];
}
