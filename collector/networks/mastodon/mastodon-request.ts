// One GET to one Mastodon server: the request itself (token only when asked for, deadline and size
// cap, validated body), the pause before a server whose budget is spent, and Mastodon's error shape.
import { setTimeout as sleepFor } from 'node:timers/promises';
import { DateTime } from 'luxon';
import type { z } from 'zod';
import type { RunContext } from '../../adapter.js';
import { fetchWithinLimits, type HttpLimits } from '../../bounded-request.js';
import { CollectionAbortedError, RateLimitedError, ResponseTooLargeError, UpstreamHttpError } from '../../errors.js';
import { parseBody } from '../../response-body.js';
import type { RetryPolicy } from '../../retry.js';
import { readRateLimit, retryAt, type RateLimitReading } from './rate-limit-headers.js';
import { mastodonErrorSchema } from './mastodon-schema.js';

const USER_AGENT = 'jobquality-tracker/0.1 (hashtag campaign tracker)';

/** What the client remembers of one server between requests. */
export interface ServerState {
  useToken: boolean;
  batch: boolean;
  rateLimit: RateLimitReading | null;
}

export interface MastodonRequest<S extends z.ZodType> {
  server: string;
  path: string;
  query: URLSearchParams;
  /** Endpoint as documented, for messages: "GET /api/v1/timelines/tag/:hashtag". */
  endpoint: string;
  schema: S;
}

export interface RequestSettings {
  /** The token of one server, or null: a token is only ever sent to the server it belongs to. */
  tokenFor(server: string): string | null;
  fetch: typeof fetch;
  limits: HttpLimits;
}

/** An HTTP error answer; `mastodonError` is the `error` text of Mastodon's JSON error body, if it sent one. */
export class MastodonHttpError extends UpstreamHttpError {
  override name = 'MastodonHttpError';
  constructor(
    status: number,
    message: string,
    rateLimitResetAt: number | null,
    readonly mastodonError: string | null,
  ) {
    super('mastodon', status, message, rateLimitResetAt);
  }
}

function sanitize(detail: string): string {
  // Error text comes from the server: keep it short and printable.
  return detail.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim().slice(0, 200);
}

/** The `error` text of Mastodon's JSON error body, made printable; null for any other body. */
export function errorDetail(body: string): string | null {
  try {
    const parsed = mastodonErrorSchema.safeParse(JSON.parse(body));
    return parsed.success ? sanitize(parsed.data.error) : null;
  } catch {
    // An HTML error page from a proxy, for instance: the status code says enough.
    return null;
  }
}

function reasonOf(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: string; message?: string } | undefined;
  if (error.name === 'RequestTimeoutError') return error.message;
  return cause?.code ?? cause?.message ?? error.message;
}

/** Before asking a server whose budget is spent: wait for the reset if it is near, otherwise stop. */
export async function respectRateLimit(ctx: RunContext, server: string, state: ServerState, policy: RetryPolicy): Promise<void> {
  const reading = state.rateLimit;
  if (reading?.remaining == null || reading.remaining > 0 || reading.resetAt === null) return;
  const waitMs = reading.resetAt - ctx.now();
  if (waitMs <= 0) return;
  if (waitMs > policy.maxRateLimitWaitMs) {
    ctx.log.warn({ server, resetAt: new Date(reading.resetAt).toISOString() }, `mastodon ${server} request budget is spent until its reset; stopping this server for now`);
    throw new RateLimitedError('mastodon', reading.resetAt);
  }
  ctx.meter.rateLimitPauses += 1;
  const resumeAt = DateTime.fromMillis(reading.resetAt, { zone: policy.timeZone }).toFormat('HH:mm:ss');
  ctx.log.warn({ server, waitMs }, `mastodon ${server} request budget is spent, resuming at ${resumeAt}`);
  try {
    await sleepFor(waitMs, undefined, { signal: ctx.signal });
  } catch {
    throw new CollectionAbortedError();
  }
  state.rateLimit = null;
}

/** One attempt at `request`, remembering the server's rate-limit headers in `state`. */
export async function sendRequest<S extends z.ZodType>(
  settings: RequestSettings,
  ctx: RunContext,
  request: MastodonRequest<S>,
  state: ServerState,
  useToken: boolean,
): Promise<{ body: z.infer<S>; headers: Headers }> {
  const url = new URL(request.path, `${request.server}/`);
  url.search = request.query.toString();
  const headers: Record<string, string> = { accept: 'application/json', 'user-agent': USER_AGENT };
  const token = useToken ? settings.tokenFor(request.server) : null;
  if (token) headers.authorization = `Bearer ${token}`;
  let response: Response;
  let text: string;
  try {
    // A connection cut mid-body or a missed deadline fails here: a network error, so it is retried.
    ({ response, text } = await fetchWithinLimits(settings.fetch, url, { headers }, { signal: ctx.signal, limits: settings.limits, what: `mastodon ${request.server} ${request.endpoint}` }));
    state.rateLimit = readRateLimit(response.headers) ?? state.rateLimit;
  } catch (error) {
    if (ctx.signal.aborted) throw new CollectionAbortedError();
    if (error instanceof ResponseTooLargeError) throw error;
    throw new Error(`could not reach ${request.server} (${request.endpoint}): ${reasonOf(error)}`, { cause: error });
  }
  if (!response.ok) {
    const detail = errorDetail(text);
    const message = `mastodon ${request.server} ${request.endpoint} answered HTTP ${response.status}${detail ? `: ${detail}` : ''}`;
    throw new MastodonHttpError(response.status, message, response.status === 429 ? retryAt(response.headers, ctx.now()) : null, detail);
  }
  return { body: parseBody('mastodon', `${request.server} ${request.endpoint}`, text, request.schema), headers: response.headers };
}
