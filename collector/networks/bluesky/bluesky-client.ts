// A small typed XRPC client over plain fetch for the five Bluesky methods the collector uses.
// Not @atproto/api: that would add a heavy dependency tree for five HTTP calls. One call here is
// one HTTP request; retries and session renewal happen a layer up.
import type { z } from 'zod';
import { DEFAULT_HTTP_LIMITS, fetchWithinLimits, type HttpLimits } from '../../bounded-request.js';
import { UpstreamHttpError } from '../../errors.js';
import { parseBody } from '../../response-body.js';
import {
  getPostsSchema,
  getProfilesSchema,
  getRecordSchema,
  searchPostsSchema,
  sessionSchema,
  xrpcErrorSchema,
  type BlueskyPostsAnswer,
  type BlueskyProfilesAnswer,
  type BlueskyRecordAnswer,
  type BlueskySearchPage,
  type BlueskySession,
} from './bluesky-schema.js';

/** Error text from the server is shown to people; a misbehaving server should not flood the run log. */
const MAX_SERVER_MESSAGE = 200;

/** A non-2xx XRPC answer, keeping the XRPC error name (e.g. ExpiredToken) that decides what to do next. */
export class XrpcError extends UpstreamHttpError {
  override name = 'XrpcError';
  constructor(
    readonly method: string,
    status: number,
    /** The `error` field of the body, or null when the body was not an XRPC error. */
    readonly xrpcError: string | null,
    readonly serverMessage: string | null,
    rateLimitResetAt: number | null,
  ) {
    super(
      'bluesky',
      status,
      `Bluesky ${method} answered HTTP ${status}${xrpcError ? ` ${xrpcError}` : ''}${serverMessage ? `: ${serverMessage}` : ''}`,
      rateLimitResetAt,
    );
  }
}

export interface SearchPostsParams {
  q: string;
  tags: readonly string[];
  sort: 'latest' | 'top';
  limit: number;
  since?: string | undefined;
  until?: string | undefined;
  cursor?: string | undefined;
}

export interface BlueskyClient {
  createSession(identifier: string, password: string, signal: AbortSignal): Promise<BlueskySession>;
  refreshSession(refreshJwt: string, signal: AbortSignal): Promise<BlueskySession>;
  searchPosts(accessJwt: string, params: SearchPostsParams, signal: AbortSignal): Promise<BlueskySearchPage>;
  getProfiles(accessJwt: string, actors: readonly string[], signal: AbortSignal): Promise<BlueskyProfilesAnswer>;
  getPosts(accessJwt: string, uris: readonly string[], signal: AbortSignal): Promise<BlueskyPostsAnswer>;
  /** A record from its author's repository; public, so no token is sent. 400 RecordNotFound when it is gone. */
  getRecord(record: { repo: string; collection: string; rkey: string }, signal: AbortSignal): Promise<BlueskyRecordAnswer>;
}

export interface BlueskyClientOptions {
  /** Base URL of the PDS or entryway, without a trailing slash (e.g. https://bsky.social). */
  service: string;
  fetch?: typeof fetch;
  /** Deadline per request (headers and body) and the body's size cap; default 30 s and 4 MB. */
  limits?: HttpLimits;
}

type Params = Record<string, string | readonly string[] | undefined>;

/** A client for one service; it holds no tokens (callers pass them per call). */
export function createBlueskyClient(options: BlueskyClientOptions): BlueskyClient {
  const doFetch = options.fetch ?? fetch;
  const base = options.service.replace(/\/+$/, '');
  const limits = options.limits ?? DEFAULT_HTTP_LIMITS;

  async function call<S extends z.ZodType>(
    method: string,
    request: { params?: Params; body?: unknown; bearer?: string; post?: boolean },
    schema: S,
    signal: AbortSignal,
  ): Promise<z.infer<S>> {
    const url = new URL(`${base}/xrpc/${method}`);
    for (const [name, value] of Object.entries(request.params ?? {})) {
      // XRPC array parameters repeat the name: tag=a&tag=b.
      for (const item of typeof value === 'string' ? [value] : (value ?? [])) url.searchParams.append(name, item);
    }
    const headers: Record<string, string> = { accept: 'application/json' };
    if (request.bearer) headers.authorization = `Bearer ${request.bearer}`;
    if (request.body !== undefined) headers['content-type'] = 'application/json';
    // A dropped connection or a missed deadline is a network error, retried above; an oversized body is not.
    const { response, text } = await fetchWithinLimits(
      doFetch,
      url,
      { method: request.post ? 'POST' : 'GET', headers, ...(request.body !== undefined ? { body: JSON.stringify(request.body) } : {}) },
      { signal, limits, what: `Bluesky ${method}` },
    );
    if (!response.ok) throw xrpcError(method, response, text);
    return parseBody('bluesky', method, text, schema);
  }

  return {
    createSession(identifier, password, signal) {
      return call('com.atproto.server.createSession', { post: true, body: { identifier, password } }, sessionSchema, signal);
    },
    refreshSession(refreshJwt, signal) {
      return call('com.atproto.server.refreshSession', { post: true, bearer: refreshJwt }, sessionSchema, signal);
    },
    searchPosts(accessJwt, params, signal) {
      return call(
        'app.bsky.feed.searchPosts',
        {
          bearer: accessJwt,
          params: {
            q: params.q,
            tag: params.tags,
            sort: params.sort,
            limit: String(params.limit),
            since: params.since,
            until: params.until,
            cursor: params.cursor,
          },
        },
        searchPostsSchema,
        signal,
      );
    },
    getProfiles(accessJwt, actors, signal) {
      return call('app.bsky.actor.getProfiles', { bearer: accessJwt, params: { actors } }, getProfilesSchema, signal);
    },
    getPosts(accessJwt, uris, signal) {
      return call('app.bsky.feed.getPosts', { bearer: accessJwt, params: { uris } }, getPostsSchema, signal);
    },
    getRecord(record, signal) {
      return call('com.atproto.repo.getRecord', { params: { repo: record.repo, collection: record.collection, rkey: record.rkey } }, getRecordSchema, signal);
    },
  };
}

function xrpcError(method: string, response: Response, text: string): XrpcError {
  let name: string | null = null;
  let message: string | null = null;
  try {
    const parsed = xrpcErrorSchema.safeParse(JSON.parse(text));
    if (parsed.success) {
      name = parsed.data.error;
      message = parsed.data.message ?? null;
    }
  } catch {
    // Proxies answer 502/504 with HTML; the status alone says enough.
  }
  const reset = Number(response.headers.get('ratelimit-reset'));
  const resetAt = response.status === 429 && Number.isFinite(reset) && reset > 0 ? reset * 1000 : null;
  return new XrpcError(method, response.status, name && name.slice(0, 64), message && message.slice(0, MAX_SERVER_MESSAGE), resetAt);
}
