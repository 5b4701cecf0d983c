// Query-string validation for the JSON API (zod): every bad value becomes an InvalidParameterError
// that names the parameter and says what is allowed. Also turns the common filters (from, to,
// network, hashtag) into a time window and an analytics scope.
import { z } from 'zod';
import { normalizeHashtag } from '../../core/hashtags.js';
import { collectedNetworkIds } from '../../core/networks.js';
import type { Network } from '../../core/types.js';
import type { AnalyticsScope, TimeWindow } from '../../db/analytics-scope.js';
import { describeInstantProblem, parseInstant, resolveRange } from './time-range.js';

/** A query parameter the API cannot use; answered with 400 and this message. */
export class InvalidParameterError extends Error {
  override name = 'InvalidParameterError';
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(message);
  }
}

/** Hono's `c.req.queries()`: every value of every parameter. */
export type RawQuery = Record<string, string[]>;

/** Parameters that may be given more than once (their values are joined). */
const REPEATABLE = new Set(['network']);

/** Shows a bad value back to the caller, shortened, so the message says what was received. */
function shown(value: unknown): string {
  const text = Array.isArray(value) ? value.join(',') : String(value);
  return JSON.stringify(text.length > 60 ? `${text.slice(0, 60)}…` : text);
}

/** Error text for an enum that also says it is required when missing. */
export function oneOf(values: readonly string[]) {
  return (issue: { input?: unknown }) => (issue.input === undefined ? `is required: one of ${values.join(', ')}` : `must be one of ${values.join(', ')}`);
}

/** One of `values`, with the error text {@link oneOf} gives. */
export function choice<const T extends readonly [string, ...string[]]>(values: T) {
  return z.enum(values, { error: oneOf(values) });
}

/** A whole number between `min` and `max`, given as a query string. */
export function wholeNumber(min: number, max: number) {
  const range = `must be a whole number from ${min} to ${max}`;
  return z
    .string()
    .regex(/^\d{1,9}$/, { error: range })
    .transform(Number)
    .pipe(z.number().min(min, { error: range }).max(max, { error: range }));
}

/**
 * Validates `query` against `shape`, first refusing a parameter given twice unless it is repeatable.
 * Parameters not in `shape` are ignored, so a cache-busting `_=…` does no harm.
 */
export function parseQuery<S extends z.ZodRawShape>(query: RawQuery, shape: S): z.output<z.ZodObject<S>> {
  const input: Record<string, string | string[] | undefined> = {};
  for (const name of Object.keys(shape)) {
    const values = query[name];
    if (values === undefined) continue;
    if (REPEATABLE.has(name)) input[name] = values;
    else if (values.length > 1) throw new InvalidParameterError(name, `Query parameter "${name}" was given ${values.length} times; give it once.`);
    else input[name] = values[0];
  }
  const parsed = z.object(shape).safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const name = String(issue.path[0] ?? 'query');
  const given = input[name];
  throw new InvalidParameterError(name, `Query parameter "${name}" ${issue.message}${given === undefined ? '' : ` (got ${shown(given)})`}.`);
}

/** What the common filters need to know about the running server. */
export interface FilterContext {
  timeZone: string;
  /** Tracked hashtags, normalised. */
  hashtags: readonly string[];
  now: number;
}

const instant = z
  .string()
  .optional()
  .superRefine((value, ctx) => {
    const problem = value === undefined || value === '' ? null : describeInstantProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** The zod shape of the filters every data endpoint accepts. */
export function filterShape(context: FilterContext) {
  const tracked = context.hashtags.join(', ');
  return {
    from: instant,
    to: instant,
    network: z
      .array(z.string())
      .optional()
      .transform((values, ctx) => {
        const names = (values ?? []).flatMap((value) => value.split(',')).map((value) => value.trim().toLowerCase()).filter(Boolean);
        if (names.some((name) => !(collectedNetworkIds() as readonly string[]).includes(name))) {
          ctx.addIssue({ code: 'custom', message: `must be ${collectedNetworkIds().join(', ')} (repeat the parameter or use a comma list)` });
          return z.NEVER;
        }
        return [...new Set(names)] as Network[];
      }),
    hashtag: z
      .string()
      .optional()
      .transform((value, ctx) => {
        const tag = value === undefined ? '' : normalizeHashtag(value);
        if (tag === '') return null;
        if (!context.hashtags.includes(tag)) {
          ctx.addIssue({ code: 'custom', message: `must be one of the tracked hashtags (${tracked}), without "#"` });
          return z.NEVER;
        }
        return tag;
      }),
  };
}

export interface Filters {
  range: TimeWindow;
  scope: AnalyticsScope;
}

/** The time window and scope from already-validated filter values; refuses a range that ends before it starts. */
export function toFilters(
  values: { from?: string | undefined; to?: string | undefined; network: Network[]; hashtag: string | null },
  context: FilterContext,
): Filters {
  const from = values.from ? parseInstant(values.from, context.timeZone, 'from') : null;
  const to = values.to ? parseInstant(values.to, context.timeZone, 'to') : null;
  const range = resolveRange(from, to, context.timeZone, context.now);
  if (range.end <= range.start) {
    throw new InvalidParameterError(
      to === null ? 'from' : 'to',
      to === null
        ? `Query parameter "from" must be before the end of today when "to" is not given (got ${shown(values.from)}).`
        : `Query parameter "to" must be after "from" (got from=${shown(values.from ?? '7 days before to')}, to=${shown(values.to)}).`,
    );
  }
  return {
    range,
    scope: { networks: values.network.length ? collectedNetworkIds().filter((network) => values.network.includes(network)) : [...collectedNetworkIds()], hashtag: values.hashtag },
  };
}
