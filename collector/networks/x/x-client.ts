// A thin typed wrapper over twitter-api-v2 (app-only) for the two endpoints the collector uses.
// The library hard-codes https://api.x.com/2/; a request-config plugin re-targets it at X_API_BASE_URL.
import http from 'node:http';
import { ApiPartialResponseError, ApiResponseError, TwitterApi, type ITwitterApiClientPlugin, type TwitterApiReadOnly } from 'twitter-api-v2';
import type { z } from 'zod';
import { MalformedResponseError, UpstreamHttpError, UsageCapExceededError } from '../../errors.js';
import { xLookupResponseSchema, xSearchResponseSchema, xUsageCapProblemSchema, type XLookupResponse, type XSearchResponse } from './x-schema.js';

const LIBRARY_PREFIX = 'https://api.x.com/';
const REQUEST_TIMEOUT_MS = 30_000;

export const TWEET_FIELDS = 'created_at,public_metrics,lang,conversation_id,referenced_tweets,entities,author_id,note_tweet';
/**
 * The originals that retweets amplify, and their authors, arrive in includes (names from OpenAPI
 * 2.159's TweetExpansionsParameter; twitter-api-v2 1.29's v2.get sends the query as given).
 */
export const EXPANSIONS = 'author_id,referenced_tweets.id,referenced_tweets.id.author_id';
export const USER_FIELDS = 'public_metrics,username,name,verified';

export interface SearchParams {
  query: string;
  sinceId?: string | undefined;
  untilId?: string | undefined;
  startTime?: string | undefined;
  maxResults: number;
  nextToken?: string | undefined;
}

export interface XClient {
  searchRecent(params: SearchParams): Promise<XSearchResponse>;
  lookup(ids: readonly string[]): Promise<XLookupResponse>;
}

function rebasePlugin(baseUrl: string): ITwitterApiClientPlugin {
  const target = `${baseUrl.replace(/\/+$/, '')}/`;
  return {
    onBeforeRequestConfig({ params }) {
      if (params.url.startsWith(LIBRARY_PREFIX)) params.url = target + params.url.slice(LIBRARY_PREFIX.length);
    },
  };
}

export function createXClient(options: { bearerToken: string; baseUrl: string }): XClient {
  const plainHttp = options.baseUrl.startsWith('http://');
  const api: TwitterApiReadOnly = new TwitterApi(options.bearerToken, {
    plugins: options.baseUrl.replace(/\/+$/, '') === 'https://api.x.com' ? [] : [rebasePlugin(options.baseUrl)],
    // The library sends through https.request unless given an agent; a local http fake needs an http agent.
    ...(plainHttp ? { httpAgent: new http.Agent({ keepAlive: true }) } : {}),
  }).readOnly;

  async function get<S extends z.ZodType>(endpoint: string, query: Record<string, string>, schema: S): Promise<z.infer<S>> {
    let body: unknown;
    try {
      body = await api.v2.get(endpoint, query, { timeout: REQUEST_TIMEOUT_MS });
    } catch (error) {
      throw translateError(endpoint, error);
    }
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new MalformedResponseError('x', endpoint, `${issue?.path.join('.') || 'body'}: ${issue?.message ?? 'unexpected shape'}`);
    }
    return parsed.data;
  }

  return {
    searchRecent(params) {
      const query: Record<string, string> = {
        query: params.query,
        max_results: String(params.maxResults),
        expansions: EXPANSIONS,
        'tweet.fields': TWEET_FIELDS,
        'user.fields': USER_FIELDS,
      };
      if (params.sinceId) query.since_id = params.sinceId;
      if (params.untilId) query.until_id = params.untilId;
      if (params.startTime) query.start_time = params.startTime;
      if (params.nextToken) query.next_token = params.nextToken;
      return get('tweets/search/recent', query, xSearchResponseSchema);
    },
    lookup(ids) {
      return get(
        'tweets',
        { ids: ids.join(','), expansions: EXPANSIONS, 'tweet.fields': TWEET_FIELDS, 'user.fields': USER_FIELDS },
        xLookupResponseSchema,
      );
    },
  };
}

/** Maps the library's errors onto the collector's: HTTP status errors, malformed bodies, or network errors as-is. */
function translateError(endpoint: string, error: unknown): unknown {
  if (error instanceof ApiResponseError) {
    // A spent usage cap also answers 429, while the rate-limit headers still show quota: waiting
    // for the rate-limit reset cannot help, so it is its own error and ends X's run at once.
    const usageCap = error.code === 429 ? xUsageCapProblemSchema.safeParse(error.data) : null;
    if (usageCap?.success) return new UsageCapExceededError('x', usageCap.data.period ?? null, usageCap.data.detail ?? usageCap.data.title);
    const reset = error.rateLimit?.reset;
    const data = error.data as { title?: string; detail?: string } | undefined;
    const reason = data?.detail ?? data?.title ?? error.message;
    return new UpstreamHttpError('x', error.code, `X ${endpoint} answered HTTP ${error.code}: ${reason}`, reset ? reset * 1000 : null);
  }
  // A connection cut mid-body is a network failure (retried); a complete but unparseable body is not.
  if (error instanceof ApiPartialResponseError && !error.message.includes('abruptly closed')) {
    return new MalformedResponseError('x', endpoint, 'the body is not valid JSON');
  }
  return error;
}
