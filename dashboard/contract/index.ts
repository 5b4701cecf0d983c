// The dashboard API's contract: every JSON answer defined once, as a zod schema (one file per
// resource), with its TypeScript type inferred from it. The server's answer builders are typed by
// these types, the server tests validate every answer against API_ANSWERS (tests/helpers/test-dashboard.ts),
// and the app reads the same types through app/src/api/api-types.ts (types only: zod stays out of the bundle).
// A new resource: its schema file here, one entry in API_ANSWERS, its route in server/routes/.
import type { z } from 'zod';
import { alertsAnswer, type alert, type alertDrivers, type alertMetric } from './alerts.js';
import { amplifiersAnswer, type amplifier, type amplifierOrder } from './amplifiers.js';
import { apiErrorBody, type definitions, type networkId } from './common.js';
import { coverageAnswer, type coverageDay, type coverageSpan, type dayState, type networkCoverage } from './coverage.js';
import { hashtagsAnswer, type coHashtag } from './hashtags.js';
import { momentsAnswer, type metricLift, type moment, type momentLift } from './moments.js';
import { networksAnswer, type networkRow } from './networks.js';
import { reportsAnswer, type weeklyReportListing } from './reports.js';
import { shareOfVoiceAnswer, type comparatorVoice, type sovFigures } from './share-of-voice.js';
import { shareablesAnswer, type adoptionFigures, type editedSummary, type shareableEntry, type shareableNetworkFigures, type shareNetworkColumn } from './shareables.js';
import { statusAnswer, type lastRun, type networkStatus } from './status.js';
import { summaryAnswer, type comparison, type kpiDefinition, type kpiId, type kpis, type windowCoverage } from './summary.js';
import { timeseriesAnswer, type bucketStatus, type interval, type seriesDefinition, type seriesMetric, type seriesPoint } from './timeseries.js';
import { topContributorsAnswer, type contributor, type contributorsOrder } from './top-contributors.js';
import { topPostsAnswer, type postKind, type topPost, type topPostsOrder } from './top-posts.js';

/** Each JSON endpoint's answer (status 200). Every other status answers {@link apiErrorBody}. */
export const API_ANSWERS = {
  '/api/summary': summaryAnswer,
  '/api/timeseries': timeseriesAnswer,
  '/api/top-posts': topPostsAnswer,
  '/api/top-contributors': topContributorsAnswer,
  '/api/networks': networksAnswer,
  '/api/hashtags': hashtagsAnswer,
  '/api/coverage': coverageAnswer,
  '/api/alerts': alertsAnswer,
  '/api/moments': momentsAnswer,
  '/api/share-of-voice': shareOfVoiceAnswer,
  '/api/amplifiers': amplifiersAnswer,
  '/api/status': statusAnswer,
  '/api/shareables': shareablesAnswer,
  '/api/reports': reportsAnswer,
} as const;

export type ApiPath = keyof typeof API_ANSWERS;
/** The answer of a JSON endpoint, by its path: `ApiAnswer<'/api/status'>` is the status answer. */
export type ApiAnswer<P extends ApiPath> = z.output<(typeof API_ANSWERS)[P]>;

export { apiErrorBody };

/** A network id from the registry (core/networks.ts); networks are registered, not a fixed list. */
export type Network = z.output<typeof networkId>;
export type ApiErrorBody = z.output<typeof apiErrorBody>;
export type Definitions = z.output<typeof definitions>;

export type SummaryResponse = z.output<typeof summaryAnswer>;
export type Kpis = z.output<typeof kpis>;
export type KpiId = z.output<typeof kpiId>;
export type KpiDefinition = z.output<typeof kpiDefinition>;
export type WindowCoverage = z.output<typeof windowCoverage>;
export type Comparison = z.output<typeof comparison>;

export type TimeseriesResponse = z.output<typeof timeseriesAnswer>;
export type SeriesMetric = z.output<typeof seriesMetric>;
export type Interval = z.output<typeof interval>;
export type BucketStatus = z.output<typeof bucketStatus>;
export type SeriesPoint = z.output<typeof seriesPoint>;
export type SeriesDefinition = z.output<typeof seriesDefinition>;

export type TopPostsResponse = z.output<typeof topPostsAnswer>;
export type TopPost = z.output<typeof topPost>;
export type TopPostsOrder = z.output<typeof topPostsOrder>;
export type PostKind = z.output<typeof postKind>;

export type TopContributorsResponse = z.output<typeof topContributorsAnswer>;
export type Contributor = z.output<typeof contributor>;
export type ContributorsOrder = z.output<typeof contributorsOrder>;

export type NetworksResponse = z.output<typeof networksAnswer>;
export type NetworkRow = z.output<typeof networkRow>;

export type HashtagsResponse = z.output<typeof hashtagsAnswer>;
export type CoHashtag = z.output<typeof coHashtag>;

export type CoverageResponse = z.output<typeof coverageAnswer>;
export type CoverageDay = z.output<typeof coverageDay>;
export type DayState = z.output<typeof dayState>;
export type CoverageSpan = z.output<typeof coverageSpan>;
export type NetworkCoverage = z.output<typeof networkCoverage>;

export type AlertsResponse = z.output<typeof alertsAnswer>;
export type Alert = z.output<typeof alert>;
export type AlertDrivers = z.output<typeof alertDrivers>;
export type AlertMetric = z.output<typeof alertMetric>;

export type MomentsResponse = z.output<typeof momentsAnswer>;
export type Moment = z.output<typeof moment>;
export type MomentLift = z.output<typeof momentLift>;
export type MetricLift = z.output<typeof metricLift>;

export type StatusResponse = z.output<typeof statusAnswer>;
export type NetworkStatus = z.output<typeof networkStatus>;
export type LastRun = z.output<typeof lastRun>;

export type ShareablesResponse = z.output<typeof shareablesAnswer>;
export type ShareableEntry = z.output<typeof shareableEntry>;
export type ShareableNetworkFigures = z.output<typeof shareableNetworkFigures>;
export type ShareNetworkColumn = z.output<typeof shareNetworkColumn>;
export type AdoptionFigures = z.output<typeof adoptionFigures>;
export type EditedSummary = z.output<typeof editedSummary>;

export type ReportsResponse = z.output<typeof reportsAnswer>;
export type WeeklyReportListing = z.output<typeof weeklyReportListing>;

export type ShareOfVoiceResponse = z.output<typeof shareOfVoiceAnswer>;
export type ComparatorVoice = z.output<typeof comparatorVoice>;
export type SovFigures = z.output<typeof sovFigures>;

export type AmplifiersResponse = z.output<typeof amplifiersAnswer>;
export type Amplifier = z.output<typeof amplifier>;
export type AmplifierOrder = z.output<typeof amplifierOrder>;
