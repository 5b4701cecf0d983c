// The dashboard JSON API's answers as the app reads them. Types only, inferred from the one contract
// (dashboard/contract/: a zod schema per answer, which the server tests validate every answer against),
// so the app and the server cannot drift. `import type` keeps zod out of the browser bundle.
export type {
  AdoptionFigures,
  Alert,
  AlertDrivers,
  AlertMetric,
  AlertsResponse,
  ApiAnswer,
  ApiErrorBody,
  ApiPath,
  BucketStatus,
  CoHashtag,
  Comparison,
  Contributor,
  ContributorsOrder,
  CoverageDay,
  CoverageResponse,
  CoverageSpan,
  DayState,
  Definitions,
  EditedSummary,
  HashtagsResponse,
  Interval,
  KpiDefinition,
  KpiId,
  Kpis,
  LastRun,
  MetricLift,
  Moment,
  MomentLift,
  MomentsResponse,
  Network,
  NetworkCoverage,
  NetworkRow,
  NetworksResponse,
  NetworkStatus,
  PostKind,
  ReportsResponse,
  SeriesDefinition,
  SeriesMetric,
  SeriesPoint,
  ShareableEntry,
  ShareableNetworkFigures,
  ShareablesResponse,
  ShareNetworkColumn,
  StatusResponse,
  SummaryResponse,
  TimeseriesResponse,
  TopContributorsResponse,
  TopPost,
  TopPostsOrder,
  TopPostsResponse,
  WeeklyReportListing,
  WindowCoverage,
} from '../../../contract/index.js';

import type { Network } from '../../../contract/index.js';

/** A network a shareable can be shared to: the collected ones and the share-only ones (registry ids). */
export type ShareNetwork = Network;

/**
 * @deprecated Networks come from the registry: read `/api/status` `networks[]` (id and `label`).
 * Kept only until the app's last uses of a fixed list are gone.
 */
export const NETWORKS: readonly Network[] = ['x', 'bluesky', 'mastodon'];
