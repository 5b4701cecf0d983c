// What every /api route module is given: the server's options, the query parser that validates the
// common filters plus an endpoint's own parameters, and the small shaping helpers they share.
import type { Context } from 'hono';
import type { z } from 'zod';
import type { Logger } from '../../../core/logger.js';
import { ENGAGEMENT_FORMULA_VERSION, METRIC_DEFINITIONS_VERSION } from '../../../core/metrics.js';
import type { Network } from '../../../core/types.js';
import type { Db } from '../../../db/connection.js';
import type { CampaignShareables } from '../../../shareables/campaign-shareables.js';
import { declareAnswerParameters } from '../answer-parameters.js';
import type { IntelligenceSettings } from '../intelligence-answers.js';
import { filterShape, parseQuery, toFilters, type FilterContext, type Filters } from '../query-params.js';
import { isoUtc } from '../time-range.js';

export interface ApiOptions {
  db: Db;
  hashtags: readonly string[];
  timeZone: string;
  reportsDir: string | null;
  demo: boolean;
  enabledNetworks: readonly Network[];
  log: Logger;
  now: () => number;
  /** The campaign's ready-made posts, or null when the content file could not be loaded. */
  shareables: CampaignShareables | null;
  /** PUBLIC_BASE_URL, to say whether the action page's link previews have its address. */
  publicBaseUrl?: string | null;
  /** Whether staff routes need DASHBOARD_TOKEN (only this fact reaches the app, never the token); default false. */
  signInRequired?: boolean;
  /** Share-of-voice comparators and the amplifier account map; default none. */
  intelligence?: IntelligenceSettings;
}

/** The options plus `parse`, which every endpoint with a query calls first. */
export interface ApiDeps extends ApiOptions {
  /** Validates the common filters plus an endpoint's own parameters, and declares them to the answer cache. */
  parse<S extends z.ZodRawShape>(c: Context, shape: S): { filters: Filters; params: z.output<z.ZodObject<S>> };
}

/** The versions of the metric definitions an answer was computed with. */
export const definitions = { version: METRIC_DEFINITIONS_VERSION, engagementFormulaVersion: ENGAGEMENT_FORMULA_VERSION };

/** A time window as the API writes it. */
export const rangeJson = (window: { start: number; end: number }) => ({ from: isoUtc(window.start), to: isoUtc(window.end) });

export function apiDeps(options: ApiOptions): ApiDeps {
  const context = (): FilterContext => ({ timeZone: options.timeZone, hashtags: options.hashtags, now: options.now() });
  return {
    ...options,
    parse(c, shape) {
      const ctx = context();
      const query = c.req.queries();
      const filterParams = filterShape(ctx);
      declareAnswerParameters(c.req.raw, [...Object.keys(filterParams), ...Object.keys(shape)]);
      const filters = toFilters(parseQuery(query, filterParams), ctx);
      return { filters, params: parseQuery(query, shape) };
    },
  };
}
