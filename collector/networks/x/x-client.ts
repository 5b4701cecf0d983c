// A thin typed wrapper over twitter-api-v2 (app-only) for the two endpoints the collector uses.
// The library hard-codes https://api.x.com/2/; a request-config plugin re-targets it at X_API_BASE_URL.
// Every request gets a whole-exchange deadline and a body cap (see boundRequest below).
import http from 'node:http';
import https from 'node:https';
import type { Socket } from 'node:net';
import zlib from 'node:zlib';
import { ApiPartialResponseError, ApiResponseError, TwitterApi, type ITwitterApiClientPlugin, type TwitterApiReadOnly } from 'twitter-api-v2';
import type { z } from 'zod';
import { DEFAULT_HTTP_LIMITS, startRequestDeadline, type HttpLimits, type RequestDeadline } from '../../bounded-request.js';
import { MalformedResponseError, ResponseTooLargeError, UpstreamHttpError, UsageCapExceededError } from '../../errors.js';
import { validateBody } from '../../response-body.js';
import { xLookupResponseSchema, xSearchResponseSchema, xUsageCapProblemSchema, type XLookupResponse, type XSearchResponse } from './x-schema.js';

const LIBRARY_PREFIX = 'https://api.x.com/';

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
  /** `signal` (the run's) abandons the request at once when it aborts. */
  searchRecent(params: SearchParams, signal?: AbortSignal): Promise<XSearchResponse>;
  lookup(ids: readonly string[], signal?: AbortSignal): Promise<XLookupResponse>;
}

const NEVER_ABORTED = new AbortController().signal;

/**
 * twitter-api-v2 sends through https.request and buffers the body itself; its `timeout` is only a
 * socket idle timeout, which a reply dribbling one byte every few seconds never trips, and an
 * aborted gzip body can leave its promise unsettled. So each request carries the library's
 * request-event hook: it hands us the socket (destroyed when the deadline, the size cap or shutdown
 * ends the request) and the response, whose bytes are counted as they arrive, on the wire and,
 * for a compressed body, decoded by a counting decompressor beside the library's (a small gzip
 * body can expand to gigabytes). The caller races the library's promise against the deadline.
 */
function boundRequest(deadline: RequestDeadline, limits: HttpLimits, what: string) {
  let socket: Socket | undefined;
  const cut = () => socket?.destroy();
  deadline.signal.addEventListener('abort', cut, { once: true });
  const tooLarge = () => deadline.fail(new ResponseTooLargeError(what, limits.maxResponseBytes));
  const countInto = (stream: NodeJS.ReadableStream) => {
    let bytes = 0;
    stream.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes > limits.maxResponseBytes) tooLarge();
    });
  };
  return (event: string, data: { socket?: Socket; res?: http.IncomingMessage } = {}) => {
    if (event === 'socket' && data.socket) {
      socket = data.socket;
      if (deadline.signal.aborted) cut();
    }
    if (event === 'response' && data.res) {
      const res = data.res;
      if (Number(res.headers['content-length']) > limits.maxResponseBytes) return tooLarge();
      countInto(res);
      const decoder = decompressorFor(res.headers['content-encoding']);
      if (decoder) {
        decoder.on('error', () => undefined); // the library reports a corrupt body itself
        countInto(decoder);
        res.pipe(decoder);
        deadline.signal.addEventListener('abort', () => decoder.destroy(), { once: true });
      }
    }
  };
}

function decompressorFor(encoding: string | undefined): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | null {
  switch ((encoding ?? '').trim().toLowerCase()) {
    case 'gzip':
      return zlib.createGunzip({ flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH });
    case 'deflate':
      return zlib.createInflate({ flush: zlib.constants.Z_SYNC_FLUSH, finishFlush: zlib.constants.Z_SYNC_FLUSH });
    case 'br':
      return zlib.createBrotliDecompress();
    default:
      return null;
  }
}

function rebasePlugin(baseUrl: string): ITwitterApiClientPlugin {
  const target = `${baseUrl.replace(/\/+$/, '')}/`;
  return {
    onBeforeRequestConfig({ params }) {
      if (params.url.startsWith(LIBRARY_PREFIX)) params.url = target + params.url.slice(LIBRARY_PREFIX.length);
    },
  };
}

export function createXClient(options: { bearerToken: string; baseUrl: string; limits?: HttpLimits }): XClient {
  const limits = options.limits ?? DEFAULT_HTTP_LIMITS;
  const plainHttp = options.baseUrl.startsWith('http://');
  const api: TwitterApiReadOnly = new TwitterApi(options.bearerToken, {
    plugins: options.baseUrl.replace(/\/+$/, '') === 'https://api.x.com' ? [] : [rebasePlugin(options.baseUrl)],
    // One socket per request, never kept alive: the library adds six listeners to each request's
    // socket (its request-event hook, which boundRequest turns on) and never removes them, so on a
    // reused socket they would gather for as long as the collector runs. A request every few seconds
    // at most can afford its own connection. A local http fake needs an http agent.
    httpAgent: plainHttp ? new http.Agent({ keepAlive: false }) : new https.Agent({ keepAlive: false }),
  }).readOnly;

  async function get<S extends z.ZodType>(endpoint: string, query: Record<string, string>, schema: S, signal: AbortSignal): Promise<z.infer<S>> {
    const what = `X ${endpoint}`;
    const deadline = startRequestDeadline(signal, limits, what);
    let body: unknown;
    try {
      // requestEventDebugHandler is part of the library's request arguments, though not of the
      // customisable subset its types expose for get(); the library passes it through unchanged.
      const requestArgs = { timeout: limits.requestTimeoutMs, requestEventDebugHandler: boundRequest(deadline, limits, what) };
      body = await Promise.race([api.v2.get(endpoint, query, requestArgs as { timeout: number }), deadline.aborted]);
    } catch (error) {
      if (deadline.signal.aborted) throw deadline.reason();
      throw translateError(endpoint, error);
    } finally {
      deadline.dispose();
    }
    // A socket cut by the deadline can still look like an (empty) answer to the library.
    if (deadline.signal.aborted) throw deadline.reason();
    return validateBody('x', endpoint, body, schema);
  }

  return {
    searchRecent(params, signal = NEVER_ABORTED) {
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
      return get('tweets/search/recent', query, xSearchResponseSchema, signal);
    },
    lookup(ids, signal = NEVER_ABORTED) {
      return get(
        'tweets',
        { ids: ids.join(','), expansions: EXPANSIONS, 'tweet.fields': TWEET_FIELDS, 'user.fields': USER_FIELDS },
        xLookupResponseSchema,
        signal,
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
