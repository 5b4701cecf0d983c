// A local stand-in for X API v2 (recent search and lookup by ids) on 127.0.0.1, speaking X's
// wire format: bearer auth, field selection, expansions, errors[], next_token paging, the 7-day
// search window, per-endpoint rate limits with x-rate-limit-* headers, and injectable faults
// (including a spent usage cap and empty pages that still carry a next_token). Like X, it serves
// retweets with their original's retweet_count and no counts of their own, HTML-escapes text,
// cuts long posts at 280 characters (note_tweet has the rest, when asked for), and keeps edits as
// chains of ids. Recorded X answers can be loaded and served again.
import { randomBytes } from 'node:crypto';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { PRIVATE_TWEET_FIELDS, renderPost, renderUser, type Selection } from './field-selection.js';
import type { FakeXEndpoint, FakeXFault, FakeXPostInput, FakeXRequest, FakeXUser } from './fake-x-types.js';
import { RateLimitWindow, type RateLimitState } from './rate-limit-window.js';
import { checkLookupRequest, checkSearchRequest, searchWindowStart, type SearchRequest } from './request-params.js';
import { matchesQuery, parseSearchQuery, QuerySyntaxError, type SearchablePost } from './search-query.js';
import { compareIds, snowflakeFor } from './snowflake.js';
import { buildEditedVersion, buildStoredPost, mergeMetrics, parseCreatedAt, type StoredPost } from './stored-post.js';
import { importRecordedPage } from './recorded-import.js';
import {
  fieldNotAuthorizedError, forbidden, invalidRequest, notAuthorizedError, notEmulated, notFoundError, pageNotFound,
  serverError, tooManyRequests, unauthorized, usageCapExceeded, type ProblemAnswer,
} from './x-problems.js';
import { cutOffJson, FaultQueue } from '../fault-queue.js';
import { closeLoopbackServer, startLoopbackServer } from '../loopback-server.js';

export type { FakeXEndpoint, FakeXFault, FakeXMetrics, FakeXPostInput, FakeXRequest, FakeXUser } from './fake-x-types.js';

export interface FakeXServerOptions {
  /** The token requests must present as `Authorization: Bearer …`. Default "test-bearer-token". */
  bearerToken?: string;
  /** The fake's clock (ms since epoch): drives the 7-day window, rate-limit windows and the Date header. */
  now?: () => number;
  /** Requests per 15-minute window; X app-only defaults are search 450, lookup 3,500. */
  rateLimits?: Partial<Record<FakeXEndpoint, number>>;
  /** Longest accepted search query in characters (512 on X's self-serve tiers). */
  maxQueryLength?: number;
  /**
   * What a lookup of a superseded id of an edited post answers. 'latest' (default): the latest
   * version with the whole chain, as X's Post lookup reference says ("This endpoint will always
   * return the most recent edit, along with any edit history", docs.x.com tweets-lookup
   * introduction). 'requested-version': the old version itself, as the Edit Posts fundamentals
   * page allows ("unless a specific past version is requested by Post ID"). The docs disagree, so
   * the collector must cope with both.
   */
  lookupOfEditedId?: 'latest' | 'requested-version';
}

export interface FakeXFaultOptions {
  endpoint?: FakeXEndpoint | 'any';
  /** Let this many matching requests succeed before the fault applies. */
  after?: number;
  /** How many matching requests get the fault. Default 1. */
  times?: number;
}

type Answer = ProblemAnswer;

const PATHS: Record<string, FakeXEndpoint> = { '/2/tweets/search/recent': 'search', '/2/tweets': 'lookup' };
const JSON_TYPE = 'application/json; charset=utf-8';
const API_VERSION = '2.159';
/** Ids given to the unstored posts that replies, quotes and reposts refer to by default. */
const UNSTORED_REFERENCE_SEQUENCE = 4_000_000;
/** Larger than any X id: "before this" means from the newest post. */
const MAX_ID = '9223372036854775807';

function ok(body: unknown): Answer {
  return { status: 200, contentType: JSON_TYPE, body };
}

/** An opaque 45-character base-36 token like X's next_token values. */
function paginationToken(): string {
  let token = '';
  for (const byte of randomBytes(45)) token += (byte % 36).toString(36);
  return token;
}

/**
 * Fake X API v2 for tests. Typical use:
 * ```ts
 * const x = await FakeXServer.start();            // token "test-bearer-token", real clock
 * x.addUser({ id: '1001', username: 'fair_work_org', name: 'Fair Work', followers: 1200 });
 * const id = x.addPost({ authorId: '1001', text: 'Decent pay #JobQuality', createdAt: new Date() });
 * // point the code under test at x.baseUrl (e.g. createXClient({ bearerToken: 'test-bearer-token', baseUrl: x.baseUrl }))
 * x.injectFault({ kind: 'status', status: 503 }, { endpoint: 'search' });
 * await x.close();
 * ```
 * Emulated: GET /2/tweets/search/recent and GET /2/tweets; anything else answers X's 404.
 */
export class FakeXServer {
  readonly baseUrl: string;
  private readonly users = new Map<string, FakeXUser>();
  private readonly posts = new Map<string, StoredPost>();
  private readonly nextSequence = new Map<number, number>();
  private unstoredReferences = 0;
  private readonly faults = new FaultQueue<FakeXFault, FakeXEndpoint>('FakeXServer.injectFault');
  private readonly windows: Record<FakeXEndpoint, RateLimitWindow>;
  /** next_token → the query it continues and the id its next page starts below. */
  private readonly pages = new Map<string, { query: string; beforeId: string }>();
  private readonly log: FakeXRequest[] = [];
  private readonly bearerToken: string;
  private readonly now: () => number;
  private readonly maxQueryLength: number;
  private readonly lookupOfEditedId: 'latest' | 'requested-version';

  private constructor(
    private readonly server: http.Server,
    options: FakeXServerOptions,
  ) {
    const { port } = server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${port}`;
    this.bearerToken = options.bearerToken ?? 'test-bearer-token';
    this.now = options.now ?? Date.now;
    this.maxQueryLength = options.maxQueryLength ?? 512;
    this.lookupOfEditedId = options.lookupOfEditedId ?? 'latest';
    this.windows = {
      search: new RateLimitWindow(options.rateLimits?.search ?? 450),
      lookup: new RateLimitWindow(options.rateLimits?.lookup ?? 3_500),
    };
  }

  /** Starts a fake on an ephemeral 127.0.0.1 port. */
  static async start(options: FakeXServerOptions = {}): Promise<FakeXServer> {
    // The fake is built around its server, so requests are handed to it once it exists.
    let fake: FakeXServer | undefined;
    const server = await startLoopbackServer((req, res) => fake!.handle(req, res), (message) => ({ contentType: 'application/json; charset=utf-8', body: JSON.stringify({ title: 'Fake X server error', detail: message, type: 'about:blank', status: 500 }) }));
    fake = new FakeXServer(server, options);
    return fake;
  }

  /** Every request received, in order (including refused and faulted ones). */
  get requests(): ReadonlyArray<FakeXRequest> {
    return this.log;
  }

  /** Adds an account, or replaces it (e.g. to change its follower count). */
  addUser(user: FakeXUser): void {
    if (!/^[0-9]{1,19}$/.test(user.id)) throw new Error(`FakeXServer.addUser: id "${user.id}" is not an X id (1–19 digits)`);
    this.users.set(user.id, { ...user });
  }

  /** Stores a post and returns its id. Its author must have been added with addUser. */
  addPost(input: FakeXPostInput): string {
    if (!this.users.has(input.authorId)) {
      throw new Error(`FakeXServer.addPost: author ${input.authorId} is unknown; call addUser({ id: '${input.authorId}', … }) first`);
    }
    const createdAtMs = parseCreatedAt(input.createdAt);
    let id = input.id;
    if (id === undefined) {
      let sequence = this.nextSequence.get(createdAtMs) ?? 0;
      do id = snowflakeFor(createdAtMs, sequence++);
      while (this.posts.has(id));
      this.nextSequence.set(createdAtMs, sequence);
    } else if (!/^[0-9]{1,19}$/.test(id)) {
      throw new Error(`FakeXServer.addPost: id "${id}" is not an X id (1–19 digits)`);
    } else if (this.posts.has(id)) {
      throw new Error(`FakeXServer.addPost: a post with id ${id} already exists`);
    }
    const kind = input.kind ?? 'original';
    const referencedId =
      kind === 'original' ? null : (input.referencedId ?? snowflakeFor(createdAtMs - 60_000, UNSTORED_REFERENCE_SEQUENCE + this.unstoredReferences++));
    this.posts.set(id, buildStoredPost(input, id, createdAtMs, referencedId));
    return id;
  }

  /**
   * Edits a post as X does: the new version gets a new id (a Snowflake of `editedAt`, default the
   * fake's clock), the same counts and the chain of every version's id in edit_history_tweet_ids;
   * search serves only the latest version. Returns the new id.
   */
  editPost(id: string, text: string, editedAt: string | Date = new Date(this.now())): string {
    const previous = this.existing(id, 'editPost');
    const latest = this.posts.get(previous.editHistory.at(-1)!)!;
    if (latest.kind === 'repost') throw new Error('FakeXServer.editPost: X does not let a repost be edited');
    const editedAtMs = parseCreatedAt(editedAt);
    let sequence = this.nextSequence.get(editedAtMs) ?? 0;
    let newId: string;
    do newId = snowflakeFor(editedAtMs, sequence++);
    while (this.posts.has(newId));
    this.nextSequence.set(editedAtMs, sequence);
    const edited = buildEditedVersion(latest, newId, editedAtMs, text);
    for (const versionId of latest.editHistory) this.posts.get(versionId)!.editHistory = edited.editHistory;
    this.posts.set(newId, edited);
    return newId;
  }

  /**
   * Loads a recorded search or lookup answer (data, includes.tweets and includes.users, as X sent
   * them) so the fake serves those posts and accounts, rendered for each request like its own.
   */
  loadRecorded(answer: unknown): void {
    const { users, posts } = importRecordedPage(answer);
    for (const user of users) if (!this.users.has(user.id)) this.users.set(user.id, user);
    for (const post of posts) if (!this.posts.has(post.id)) this.posts.set(post.id, post);
  }

  /** Deletes a post: lookups report it as Not Found, search no longer returns it. Deleting any version of an edited post deletes them all, as on X. */
  deletePost(id: string): void {
    for (const versionId of this.existing(id, 'deletePost').editHistory) this.posts.get(versionId)!.deleted = true;
  }

  /** Hides a post behind a protected account: lookups report an Authorization Error, search leaves it out. */
  protectPost(id: string): void {
    this.existing(id, 'protectPost').protected = true;
  }

  /** Updates some or all of a post's public counters (of its latest version, for an edited post). */
  setMetrics(id: string, metrics: FakeXPostInput['metrics']): void {
    const post = this.latestVersion(this.existing(id, 'setMetrics'));
    post.metrics = mergeMetrics(post.metrics, metrics);
  }

  /**
   * Queue faults: the next matching request(s) get this instead of a normal answer. endpoint: 'search' | 'lookup' | 'any'.
   * `after` = let that many matching requests succeed first. Faults neither spend nor report the rate-limit budget,
   * except a 429 fault, which reports remaining 0 and a reset `resetInSeconds` from now.
   */
  injectFault(fault: FakeXFault, options: FakeXFaultOptions = {}): void {
    this.faults.add(fault, { after: options.after, times: options.times, scope: options.endpoint });
  }

  async close(): Promise<void> {
    await closeLoopbackServer(this.server);
  }

  private latestVersion(post: StoredPost): StoredPost {
    return this.posts.get(post.editHistory.at(-1)!) ?? post;
  }

  private existing(id: string, method: string): StoredPost {
    const post = this.posts.get(id);
    if (!post) throw new Error(`FakeXServer.${method}: no post with id ${id}; add it with addPost first`);
    return post;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    const authorized = match?.[1] === this.bearerToken;
    const entry: FakeXRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, authorized, status: 0 };
    this.log.push(entry);
    const respond = (answer: Answer, rateLimit: RateLimitState | null, rawBody?: string) => {
      entry.status = answer.status;
      this.send(req, res, answer, rateLimit, authorized, rawBody);
    };

    const endpoint = req.method === 'GET' ? PATHS[url.pathname] : undefined;
    if (!endpoint) return respond(pageNotFound(), null);
    const fault = this.faults.takeFor(endpoint, req);
    if (fault === 'dropped') return;
    if (fault) {
      switch (fault.kind) {
        case 'malformed': {
          return respond(ok(null), null, cutOffJson(this.answer(endpoint, url.searchParams).body));
        }
        case 'usage-cap':
          // The cap is not the rate limit: the request is counted and the headers still show quota.
          return respond(usageCapExceeded(fault.period), this.windows[endpoint].take(this.now()).state);
        case 'empty-page':
          if (endpoint === 'search' && authorized) return respond(this.emptyPage(url.searchParams), this.windows.search.take(this.now()).state);
          break;
        case 'status':
          switch (fault.status) {
            case 429:
              return respond(tooManyRequests(), this.windows[endpoint].report(0, (Math.ceil(this.now() / 1000) + fault.resetInSeconds) * 1000));
            case 401:
              return respond(unauthorized(), null);
            case 403:
              return respond(forbidden(), null);
            default:
              return respond(serverError(fault.status), null);
          }
      }
    }
    if (!authorized) return respond(unauthorized(), null);
    const { allowed, state } = this.windows[endpoint].take(this.now());
    if (!allowed) return respond(tooManyRequests(), state);
    respond(this.answer(endpoint, url.searchParams), state);
  }

  private send(req: http.IncomingMessage, res: http.ServerResponse, answer: Answer, rateLimit: RateLimitState | null, authorized: boolean, rawBody?: string): void {
    let body: Buffer = Buffer.from(rawBody ?? JSON.stringify(answer.body), 'utf8');
    const headers: Record<string, string> = {
      date: new Date(this.now()).toUTCString().replace('GMT', 'UTC'),
      'content-type': answer.contentType,
      'cache-control': 'no-cache, no-store, max-age=0',
      'x-transaction-id': randomBytes(8).toString('hex'),
    };
    if (authorized) {
      headers['api-version'] = API_VERSION;
      headers['x-access-level'] = 'read';
    }
    if (rateLimit) {
      headers['x-rate-limit-limit'] = String(rateLimit.limit);
      headers['x-rate-limit-remaining'] = String(rateLimit.remaining);
      headers['x-rate-limit-reset'] = String(rateLimit.reset);
    }
    // X compresses when asked; twitter-api-v2 asks by default.
    if (acceptsGzip(req.headers['accept-encoding'])) {
      body = gzipSync(body);
      headers['content-encoding'] = 'gzip';
    }
    headers['content-length'] = String(body.length);
    res.writeHead(answer.status, headers);
    res.end(body);
  }

  /** An empty page whose next_token continues exactly where this request's page would have started. */
  private emptyPage(query: URLSearchParams): Answer {
    const answer = this.search(query);
    if (answer.status !== 200) return answer;
    const nextToken = query.get('next_token') ?? query.get('pagination_token');
    const continued = nextToken === null ? undefined : this.pages.get(nextToken);
    const token = paginationToken();
    this.pages.set(token, { query: query.get('query')!, beforeId: continued?.beforeId ?? query.get('until_id') ?? MAX_ID });
    return ok({ meta: { result_count: 0, next_token: token } });
  }

  private answer(endpoint: FakeXEndpoint, query: URLSearchParams): Answer {
    return endpoint === 'search' ? this.search(query) : this.lookup(query);
  }

  private search(query: URLSearchParams): Answer {
    const now = this.now();
    const checked = checkSearchRequest(query, now, this.maxQueryLength);
    if (!checked.ok) return invalidRequest(checked.errors);
    const request = checked.value;
    let tree;
    try {
      tree = parseSearchQuery(request.query);
    } catch (error) {
      if (!(error instanceof QuerySyntaxError)) throw error;
      return error.notEmulated ? notEmulated(error.message) : invalidRequest([{ parameters: { query: [request.query] }, message: error.message }]);
    }
    let beforeId = request.untilId;
    if (request.nextToken !== null) {
      const page = this.pages.get(request.nextToken);
      if (!page || page.query !== request.query) {
        return invalidRequest([
          { parameters: { next_token: [request.nextToken] }, message: `The \`next_token\` query parameter value [${request.nextToken}] is not a valid token for this query` },
        ]);
      }
      if (beforeId === null || compareIds(page.beforeId, beforeId) < 0) beforeId = page.beforeId;
    }
    const matches = [...this.posts.values()]
      .filter((post) => this.searchable(post, now) && inRange(post, request, beforeId) && matchesQuery(tree, this.searchView(post)))
      .sort((a, b) => compareIds(b.id, a.id));
    const page = matches.slice(0, request.maxResults);
    if (page.length === 0) return ok({ meta: { result_count: 0 } });
    const { includes, errors } = this.expand(page, request.selection, now);
    const meta: Record<string, unknown> = { newest_id: page[0]!.id, oldest_id: page[page.length - 1]!.id, result_count: page.length };
    if (matches.length > page.length) {
      const token = paginationToken();
      this.pages.set(token, { query: request.query, beforeId: page[page.length - 1]!.id });
      meta.next_token = token;
    }
    return ok({ data: page.map((post) => this.render(post, request.selection)), ...includes, ...errors, meta });
  }

  private lookup(query: URLSearchParams): Answer {
    const now = this.now();
    const checked = checkLookupRequest(query);
    if (!checked.ok) return invalidRequest(checked.errors);
    const { ids, selection } = checked.value;
    const found: StoredPost[] = [];
    const problems: Array<Record<string, string>> = [];
    for (const id of ids) {
      const stored = this.posts.get(id);
      const post = stored && this.lookupOfEditedId === 'latest' ? this.latestVersion(stored) : stored;
      if (!post || !this.exists(post, now)) problems.push(notFoundError('ids', id));
      else if (post.protected) problems.push(notAuthorizedError('ids', id, 'data'));
      else if (!found.includes(post)) found.push(post);
    }
    const { includes, errors } = this.expand(found, selection, now);
    const allErrors = [...problems, ...(errors.errors ?? [])];
    return ok({
      ...(found.length ? { data: found.map((post) => this.render(post, selection)) } : {}),
      ...includes,
      ...(allErrors.length ? { errors: allErrors } : {}),
    });
  }

  /** A post exists from its creation time until it is deleted. */
  private exists(post: StoredPost, now: number): boolean {
    return !post.deleted && post.createdAtMs <= now;
  }

  /** Search serves the latest version of an edited post only. */
  private searchable(post: StoredPost, now: number): boolean {
    return this.exists(post, now) && !post.protected && post.editHistory.at(-1) === post.id && post.createdAtMs >= searchWindowStart(now);
  }

  private searchView(post: StoredPost): SearchablePost {
    const author = this.users.get(post.authorId)!;
    // A long post is searched by its whole text; a retweet by its original's too (its own text is cut short).
    const content = post.note ?? post;
    const original = post.kind === 'repost' && post.referencedId ? this.posts.get(post.referencedId) : undefined;
    const originalContent = original ? (original.note ?? original) : undefined;
    return {
      text: originalContent ? `${content.text} ${originalContent.text}` : content.text,
      hashtags: new Set([...content.hashtags, ...(originalContent?.hashtags ?? [])].map((tag) => tag.tag.normalize('NFC').toLowerCase())),
      mentions: new Set(content.mentions.map((mention) => mention.username.toLowerCase())),
      lang: post.lang,
      kind: post.kind,
      authorId: post.authorId,
      authorUsername: author.username,
      authorVerified: author.verified ?? false,
      hasLinks: post.urls.length > 0,
    };
  }

  private render(post: StoredPost, selection: Selection): Record<string, unknown> {
    const repliedTo = post.kind === 'reply' && post.referencedId ? this.posts.get(post.referencedId) : undefined;
    const retweeted = post.kind === 'repost' && post.referencedId ? this.posts.get(post.referencedId) : undefined;
    return renderPost(post, selection, { repliedToAuthorId: repliedTo?.authorId ?? null, retweeted, usersByName: this.usersByName() });
  }

  private usersByName(): Map<string, FakeXUser> {
    return new Map([...this.users.values()].map((user) => [user.username.toLowerCase(), user]));
  }

  /** `includes` and expansion errors for the requested expansions, as X adds them after `data`. */
  private expand(posts: StoredPost[], selection: Selection, now: number): { includes: { includes?: Record<string, unknown[]> }; errors: { errors?: Array<Record<string, string>> } } {
    const expansions = selection.expansions;
    const errors: Array<Record<string, string>> = [];
    const userIds: string[] = [];
    const tweets: StoredPost[] = [];
    const usersByName = this.usersByName();
    const addUser = (id: string | null | undefined) => {
      if (id && this.users.has(id) && !userIds.includes(id)) userIds.push(id);
    };
    for (const post of posts) {
      if (expansions.has('author_id')) addUser(post.authorId);
      if (expansions.has('in_reply_to_user_id') && post.kind === 'reply') addUser(post.referencedId ? (this.posts.get(post.referencedId)?.authorId ?? post.authorId) : null);
      if (expansions.has('entities.mentions.username')) {
        for (const mention of post.mentions) {
          const user = usersByName.get(mention.username.toLowerCase());
          if (user) addUser(user.id);
          else {
            errors.push({
              value: mention.username,
              detail: `Could not find user with entities.mentions.username: [${mention.username}].`,
              title: 'Not Found Error',
              resource_type: 'user',
              parameter: 'entities.mentions.username',
              resource_id: mention.username,
              type: 'https://api.twitter.com/2/problems/resource-not-found',
            });
          }
        }
      }
      if (expansions.has('referenced_tweets.id') && post.referencedId) {
        const referenced = this.posts.get(post.referencedId);
        if (!referenced || !this.exists(referenced, now)) errors.push(notFoundError('referenced_tweets.id', post.referencedId));
        else if (referenced.protected) errors.push(notAuthorizedError('referenced_tweets.id', post.referencedId, 'includes'));
        else if (!tweets.includes(referenced)) tweets.push(referenced);
      }
    }
    if (expansions.has('referenced_tweets.id.author_id')) for (const tweet of tweets) addUser(tweet.authorId);
    if (posts.length) for (const field of selection.tweetFields) if (PRIVATE_TWEET_FIELDS.has(field)) errors.push(fieldNotAuthorizedError(field));

    const includes: Record<string, unknown[]> = {};
    if (userIds.length) includes.users = userIds.map((id) => renderUser(this.users.get(id)!, selection, this.postCount(id)));
    if (tweets.length) includes.tweets = tweets.map((tweet) => this.render(tweet, selection));
    return { includes: Object.keys(includes).length ? { includes } : {}, errors: errors.length ? { errors } : {} };
  }

  private postCount(authorId: string): number {
    let count = 0;
    for (const post of this.posts.values()) if (post.authorId === authorId && !post.deleted) count += 1;
    return count;
  }
}

/** True when an Accept-Encoding header lists gzip with a non-zero quality. */
function acceptsGzip(header: string | undefined): boolean {
  return (header ?? '').split(',').some((entry) => {
    const [coding, ...params] = entry.trim().split(';');
    const quality = params.map((param) => /^\s*q=([\d.]+)\s*$/.exec(param)?.[1]).find((value) => value !== undefined);
    return coding?.trim().toLowerCase() === 'gzip' && (quality === undefined || Number(quality) > 0);
  });
}

function inRange(post: StoredPost, request: SearchRequest, beforeId: string | null): boolean {
  if (request.sinceId !== null && compareIds(post.id, request.sinceId) <= 0) return false;
  if (beforeId !== null && compareIds(post.id, beforeId) >= 0) return false;
  if (request.startMs !== null && post.createdAtMs < request.startMs) return false;
  if (request.endMs !== null && post.createdAtMs >= request.endMs) return false;
  return true;
}
