// A local stand-in for a Bluesky PDS + AppView on 127.0.0.1, speaking XRPC: sessions (createSession
// with the entryway's per-account login limits, refreshSession with expiring access tokens),
// searchPosts with tag/since/until/cursor paging, getPosts, getProfiles, repo.getRecord, accounts
// hidden without being deleted, ratelimit-* headers, and injectable faults.
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  FAKE_BLUESKY_METHODS,
  type FakeBlueskyAccount,
  type FakeBlueskyAccountHiding,
  type FakeBlueskyAuth,
  type FakeBlueskyCounts,
  type FakeBlueskyFault,
  type FakeBlueskyMethod,
  type FakeBlueskyPostInput,
  type FakeBlueskyRequest,
} from './fake-bluesky-types.js';
import { opaqueToken, sessionJwt } from './identifiers.js';
import { RateLimitWindow, type RateLimitState } from './rate-limit.js';
import { postView, profileViewDetailed, type RenderLookup } from './render.js';
import { checkSearchRequest, matchesQuery, parseQuery, QuerySyntaxError, type SearchRequest } from './search-request.js';
import { buildAccount, buildPost, type StoredAccount, type StoredPost } from './stored-post.js';
import {
  authRequired,
  badQueryString,
  expiredToken,
  invalidRequest,
  invalidToken,
  methodNotImplemented,
  ok,
  rateLimitExceeded,
  serverError,
  xrpcError,
  type Answer,
} from './xrpc-answers.js';
import { cutOffJson, FaultQueue } from '../fault-queue.js';
import { closeLoopbackServer, startLoopbackServer } from '../loopback-server.js';

export type * from './fake-bluesky-types.js';

export interface FakeBlueskyServerOptions {
  /** The fake's clock (ms since epoch): search visibility, token issue times, rate-limit windows. */
  now?: () => number;
  /** Each access token works for this many authenticated calls, then answers 400 ExpiredToken. Default: unlimited. */
  accessTokenUses?: number;
  /** Requests per window, per method. Defaults: createSession 30, refreshSession 150, everything else 3000. */
  rateLimits?: Partial<Record<FakeBlueskyMethod, number>>;
  /** Rate-limit window length. Default 300 s (Bluesky's 5-minute windows). */
  rateLimitWindowSeconds?: number;
  /** Emulates a search service that ignores `tag` and also matches `#tag` as a plain word in the text. */
  looseSearch?: boolean;
  /**
   * createSession attempts allowed per account (identifier). Defaults are what bsky.social's entryway
   * enforces: 30 per 5 minutes and 100 a day (the docs say 300 a day; bluesky-social/bsky-docs#183).
   */
  loginLimits?: { perFiveMinutes?: number; perDay?: number };
}

export interface FakeBlueskyFaultOptions {
  method?: FakeBlueskyMethod | 'any';
  /** Let this many matching requests through before the fault applies. */
  after?: number;
  /** How many matching requests get the fault. Default 1. */
  times?: number;
}

interface TokenInfo {
  kind: 'access' | 'refresh';
  did: string;
  uses: number;
  expired: boolean;
  revoked: boolean;
}

const PROCEDURES = new Set<string>(['com.atproto.server.createSession', 'com.atproto.server.refreshSession']);
/** The field each method's output cannot lack; a 'wrong-shape' fault removes it. */
const REQUIRED_OUTPUT: Record<FakeBlueskyMethod, string> = {
  'com.atproto.server.createSession': 'accessJwt',
  'com.atproto.server.refreshSession': 'accessJwt',
  'app.bsky.feed.searchPosts': 'posts',
  'app.bsky.feed.getPosts': 'posts',
  'app.bsky.actor.getProfiles': 'profiles',
  'com.atproto.repo.getRecord': 'value',
};
const DEFAULT_LIMITS: Partial<Record<FakeBlueskyMethod, number>> = { 'com.atproto.server.refreshSession': 150 };
const FIVE_MINUTES_MS = 5 * 60_000;
const DAY_MS = 86_400_000;
const MAX_LOOKUP = 25;

/**
 * Fake Bluesky service for tests. Typical use:
 * ```ts
 * const bsky = await FakeBlueskyServer.start({ accessTokenUses: 3 });
 * bsky.addAccount({ handle: 'collector.bsky.social', appPasswords: ['abcd-efgh-ijkl-mnop'] });
 * bsky.addAccount({ handle: 'ana.bsky.social', followers: 120 });
 * const uri = bsky.addPost({ author: 'ana.bsky.social', text: 'Fair pay now #JobQuality', createdAt: new Date() });
 * bsky.injectFault({ kind: 'status', status: 503 }, { method: 'app.bsky.feed.searchPosts' });
 * // point the code under test at bsky.baseUrl
 * await bsky.close();
 * ```
 */
export class FakeBlueskyServer {
  readonly baseUrl: string;
  private readonly accounts = new Map<string, StoredAccount>();
  private readonly posts = new Map<string, StoredPost>();
  private readonly tokens = new Map<string, TokenInfo>();
  private readonly cursors = new Map<string, { key: string; offset: number }>();
  private readonly faults = new FaultQueue<FakeBlueskyFault, FakeBlueskyMethod>('FakeBlueskyServer.injectFault');
  private readonly windows = new Map<FakeBlueskyMethod, RateLimitWindow>();
  /** Login budgets per identifier (lower-cased), as the entryway keys them. */
  private readonly loginWindows = new Map<string, RateLimitWindow[]>();
  private readonly log: FakeBlueskyRequest[] = [];
  private readonly now: () => number;

  private constructor(
    private readonly server: http.Server,
    private readonly options: FakeBlueskyServerOptions,
  ) {
    const { port } = server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${port}`;
    this.now = options.now ?? Date.now;
    const windowMs = (options.rateLimitWindowSeconds ?? 300) * 1000;
    for (const method of FAKE_BLUESKY_METHODS) {
      this.windows.set(method, new RateLimitWindow(options.rateLimits?.[method] ?? DEFAULT_LIMITS[method] ?? 3000, windowMs));
    }
  }

  /** Starts a fake on an ephemeral 127.0.0.1 port. */
  static async start(options: FakeBlueskyServerOptions = {}): Promise<FakeBlueskyServer> {
    // The fake is built around its server, so requests are handed to it once it exists.
    let fake: FakeBlueskyServer | undefined;
    const server = await startLoopbackServer((req, res) => fake!.handle(req, res), (message) => ({ contentType: 'application/json; charset=utf-8', body: JSON.stringify({ error: 'InternalServerError', message: `fake bug: ${message}` }) }));
    fake = new FakeBlueskyServer(server, options);
    return fake;
  }

  /** Every request received, in order (including refused and faulted ones). */
  get requests(): ReadonlyArray<FakeBlueskyRequest> {
    return this.log;
  }

  /** Successful logins (createSession answered 200): what the per-account limits are about. */
  get logins(): number {
    return this.requestsTo('com.atproto.server.createSession').filter((entry) => entry.status === 200).length;
  }

  /** The requests made to one XRPC method. */
  requestsTo(method: FakeBlueskyMethod): FakeBlueskyRequest[] {
    return this.log.filter((entry) => entry.method === method);
  }

  /** Adds an account (or replaces one with the same handle) and returns its DID. */
  addAccount(input: FakeBlueskyAccount): string {
    const account = buildAccount(input, this.now());
    this.accounts.set(account.did, account);
    return account.did;
  }

  /** Sets an account's follower count, as getProfiles reports it. */
  setFollowers(actor: string, followers: number): void {
    this.existingAccount(actor, 'setFollowers').followers = followers;
  }

  /**
   * Hides an account's posts from search and getPosts without deleting them (null shows them again):
   * it blocked the tracker, was taken down or deactivated. getRecord still returns its records, as the
   * AppView's does (it includes taken-down records).
   */
  hideAccount(actor: string, why: FakeBlueskyAccountHiding | null): void {
    this.existingAccount(actor, 'hideAccount').hidden = why;
  }

  /** Deletes an account: its posts and profile disappear from every answer. */
  deleteAccount(actor: string): void {
    this.existingAccount(actor, 'deleteAccount').deleted = true;
  }

  /** Stores a post and returns its at:// URI. */
  addPost(input: FakeBlueskyPostInput): string {
    const author = this.existingAccount(input.author, 'addPost');
    const post = buildPost(input, author, this.now(), (rkey) => this.posts.has(`at://${author.did}/app.bsky.feed.post/${rkey}`));
    this.posts.set(post.uri, post);
    return post.uri;
  }

  /** Deletes a post: search stops returning it and getPosts leaves it out. */
  deletePost(uri: string): void {
    this.existingPost(uri, 'deletePost').deleted = true;
  }

  /** Changes some or all of a post's counts. */
  setCounts(uri: string, counts: FakeBlueskyCounts): void {
    const post = this.existingPost(uri, 'setCounts');
    post.counts = { ...post.counts, ...counts };
  }

  /** Expires every access token issued so far (or every token, so refreshSession fails too). */
  expireTokens(which: 'access' | 'all' = 'access'): void {
    for (const info of this.tokens.values()) if (which === 'all' || info.kind === 'access') info.expired = true;
  }

  /**
   * Queues a fault for the next matching request(s). A 429 reports remaining 0 and a reset
   * `resetInSeconds` from now; 'malformed' and 'wrong-shape' corrupt the real answer.
   */
  injectFault(fault: FakeBlueskyFault, options: FakeBlueskyFaultOptions = {}): void {
    this.faults.add(fault, { after: options.after, times: options.times, scope: options.method });
  }

  async close(): Promise<void> {
    await closeLoopbackServer(this.server);
  }

  private existingAccount(actor: string, caller: string): StoredAccount {
    const account = this.resolveActor(actor, true);
    if (!account) throw new Error(`FakeBlueskyServer.${caller}: no account "${actor}"; add it with addAccount first`);
    return account;
  }

  private existingPost(uri: string, caller: string): StoredPost {
    const post = this.posts.get(uri);
    if (!post) throw new Error(`FakeBlueskyServer.${caller}: no post ${uri}; add it with addPost first`);
    return post;
  }

  private resolveActor(actor: string, includeDeleted = false): StoredAccount | undefined {
    const wanted = actor.replace(/^@/, '').toLowerCase();
    const account = this.accounts.get(actor) ?? [...this.accounts.values()].find((candidate) => candidate.handle === wanted);
    return account && (includeDeleted || !account.deleted) ? account : undefined;
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const method = url.pathname.startsWith('/xrpc/') ? url.pathname.slice('/xrpc/'.length) : '';
    const rawBody = await readBody(req);
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const token = bearer === undefined ? undefined : this.tokens.get(bearer);
    const auth: FakeBlueskyAuth = bearer === undefined ? 'none' : !token ? 'invalid' : token.kind;
    const entry: FakeBlueskyRequest = { httpMethod: req.method ?? 'GET', method, query: url.searchParams, auth, status: 0 };
    this.log.push(entry);
    const respond = (answer: Answer, rateLimit: RateLimitState | null, body?: string) => {
      entry.status = answer.status;
      this.send(res, answer, rateLimit, body);
    };

    if (!(FAKE_BLUESKY_METHODS as readonly string[]).includes(method)) {
      return respond(method ? methodNotImplemented() : xrpcError(404, 'NotFound', 'Not Found'), null);
    }
    const known = method as FakeBlueskyMethod;
    const expected = PROCEDURES.has(known) ? 'POST' : 'GET';
    if (req.method !== expected) return respond(invalidRequest(`Incorrect HTTP method (${req.method}) expected ${expected}`), null);
    const window = this.windows.get(known)!;

    const fault = this.faults.takeFor(known, req);
    if (fault === 'dropped') return;
    if (fault?.kind === 'status') {
      if (fault.status === 429) return respond(rateLimitExceeded(), window.report(0, (Math.ceil(this.now() / 1000) + fault.resetInSeconds) * 1000));
      if (fault.status === 401) return respond(authRequired(), null);
      return respond(serverError(fault.status), null);
    }

    let { allowed, state } = window.take(this.now());
    if (!allowed) return respond(rateLimitExceeded(), state);
    let body: unknown = undefined;
    if (expected === 'POST' && rawBody.length) {
      try {
        body = JSON.parse(rawBody);
      } catch {
        return respond(invalidRequest('Request body is not valid JSON'), state);
      }
    }
    if (known === 'com.atproto.server.createSession') {
      const identifier = (body as { identifier?: unknown } | undefined)?.identifier;
      if (typeof identifier === 'string') {
        entry.identifier = identifier;
        // Every attempt spends the account's login budget, right or wrong password.
        const login = this.takeLogin(identifier);
        if (!login.allowed) return respond(rateLimitExceeded(), login.state);
        state = login.state;
      }
    }
    const answer = this.dispatch(known, url.searchParams, body, bearer, token);
    if (answer.status === 200 && fault?.kind === 'malformed') {
      return respond(answer, state, cutOffJson(answer.body));
    }
    if (answer.status === 200 && fault?.kind === 'wrong-shape') {
      const { [REQUIRED_OUTPUT[known]]: _dropped, ...rest } = answer.body as Record<string, unknown>;
      return respond(ok(rest), state);
    }
    respond(answer, state);
  }

  /** Spends one login of `identifier` from both windows; reports the tighter one, or the one that refused. */
  private takeLogin(identifier: string): { allowed: boolean; state: RateLimitState } {
    const key = identifier.replace(/^@/, '').toLowerCase();
    let windows = this.loginWindows.get(key);
    if (!windows) {
      const limits = this.options.loginLimits ?? {};
      windows = [new RateLimitWindow(limits.perFiveMinutes ?? 30, FIVE_MINUTES_MS), new RateLimitWindow(limits.perDay ?? 100, DAY_MS)];
      this.loginWindows.set(key, windows);
    }
    const taken = [];
    // A refused attempt stops at the window that refused it.
    for (const window of windows) {
      const result = window.take(this.now());
      if (!result.allowed) return result;
      taken.push(result);
    }
    return taken.reduce((tighter, result) => (result.state.remaining < tighter.state.remaining ? result : tighter));
  }

  private dispatch(method: FakeBlueskyMethod, query: URLSearchParams, body: unknown, bearer: string | undefined, token: TokenInfo | undefined): Answer {
    if (method === 'com.atproto.server.createSession') return this.createSession(body);
    if (method === 'com.atproto.server.refreshSession') return this.refreshSession(bearer, token);
    // Public: "Does not require auth" (com.atproto.repo.getRecord).
    if (method === 'com.atproto.repo.getRecord') return this.getRecord(query);
    const refused = this.checkAccess(bearer, token);
    if (refused) return refused;
    switch (method) {
      case 'app.bsky.feed.searchPosts':
        return this.searchPosts(query);
      case 'app.bsky.feed.getPosts':
        return this.getPosts(query);
      case 'app.bsky.actor.getProfiles':
        return this.getProfiles(query);
    }
    throw new Error(`FakeBlueskyServer: no handler for ${method}`);
  }

  /** Refuses a data request without a live access token; otherwise spends one use of the token. */
  private checkAccess(bearer: string | undefined, token: TokenInfo | undefined): Answer | null {
    if (bearer === undefined) return authRequired();
    if (!token || this.resolveActor(token.did) === undefined) return authRequired('Token could not be verified');
    if (token.kind !== 'access') return invalidToken('Bad token scope');
    const limit = this.options.accessTokenUses;
    if (token.expired || token.revoked || (limit !== undefined && token.uses >= limit)) {
      token.expired = true;
      return expiredToken();
    }
    token.uses += 1;
    return null;
  }

  private issueSession(account: StoredAccount): Answer {
    const audience = `did:web:${new URL(this.baseUrl).hostname}`;
    const accessJwt = sessionJwt('access', account.did, audience, this.now());
    const refreshJwt = sessionJwt('refresh', account.did, audience, this.now());
    this.tokens.set(accessJwt, { kind: 'access', did: account.did, uses: 0, expired: false, revoked: false });
    this.tokens.set(refreshJwt, { kind: 'refresh', did: account.did, uses: 0, expired: false, revoked: false });
    return ok({
      did: account.did,
      didDoc: {
        '@context': ['https://www.w3.org/ns/did/v1'],
        id: account.did,
        alsoKnownAs: [`at://${account.handle}`],
        service: [{ id: '#atproto_pds', type: 'AtprotoPersonalDataServer', serviceEndpoint: this.baseUrl }],
      },
      handle: account.handle,
      email: `${account.handle.split('.')[0]}@example.org`,
      emailConfirmed: true,
      emailAuthFactor: account.emailAuthFactor,
      accessJwt,
      refreshJwt,
      active: true,
    });
  }

  private createSession(body: unknown): Answer {
    const input = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    for (const field of ['identifier', 'password']) {
      if (typeof input[field] !== 'string') return invalidRequest(`Input must have the property "${field}"`);
    }
    const account = this.resolveActor(input.identifier as string);
    const password = input.password as string;
    if (!account || (password !== account.password && !account.appPasswords.includes(password))) {
      return xrpcError(401, 'AuthenticationRequired', 'Invalid identifier or password');
    }
    // App passwords skip the emailed sign-in code; the main password of such an account does not.
    if (password === account.password && account.emailAuthFactor) {
      return xrpcError(401, 'AuthFactorTokenRequired', 'A sign in code has been sent to your email address');
    }
    return this.issueSession(account);
  }

  private refreshSession(bearer: string | undefined, token: TokenInfo | undefined): Answer {
    if (bearer === undefined) return authRequired();
    if (!token) return authRequired('Token could not be verified');
    if (token.kind !== 'refresh') return invalidToken('Invalid token type');
    if (token.expired) return expiredToken();
    if (token.revoked) return invalidToken('Token has been revoked');
    const account = this.resolveActor(token.did);
    if (!account) return authRequired('Token could not be verified');
    // Refresh tokens rotate: the one just used is spent.
    token.revoked = true;
    const answer = this.issueSession(account);
    const { didDoc: _doc, email: _email, emailConfirmed: _confirmed, emailAuthFactor: _factor, ...session } = answer.body as Record<string, unknown>;
    return ok(session);
  }

  private renderLookup(): RenderLookup {
    return { account: (did) => this.resolveActor(did), visiblePost: (uri) => this.visiblePost(uri) };
  }

  /** A post getPosts can show: stored, not deleted, author neither deleted nor hidden. */
  private visiblePost(uri: string): StoredPost | undefined {
    const post = this.existingRecord(uri);
    return post && this.resolveActor(post.authorDid)!.hidden === null ? post : undefined;
  }

  /** A record that still exists in its author's repository (not deleted, author not deleted), shown or not. */
  private existingRecord(uri: string): StoredPost | undefined {
    const post = this.posts.get(uri);
    return post && !post.deleted && this.resolveActor(post.authorDid) ? post : undefined;
  }

  private render(post: StoredPost): Record<string, unknown> {
    return postView(post, this.resolveActor(post.authorDid)!, this.renderLookup());
  }

  private searchPosts(query: URLSearchParams): Answer {
    const checked = checkSearchRequest(query);
    if (!checked.ok) return checked.answer;
    const request = checked.value;
    let terms;
    try {
      terms = parseQuery(request.q);
    } catch (error) {
      if (error instanceof QuerySyntaxError) return badQueryString(error.message);
      throw error;
    }
    const key = searchKey(request);
    let offset = 0;
    if (request.cursor !== null) {
      const position = this.cursors.get(request.cursor);
      if (!position || position.key !== key) return badQueryString(`invalid cursor for this query: ${request.cursor}`);
      offset = position.offset;
    }
    const now = this.now();
    const loose = this.options.looseSearch ?? false;
    const author = request.author === null ? null : (this.resolveActor(request.author)?.did ?? '');
    const matches = [...this.posts.values()].filter((post) => {
      // Hidden authors' posts are still search hits; hydration drops them from the page (below).
      if (!this.existingRecord(post.uri) || post.indexedAtMs > now) return false;
      if (request.sinceMs !== null && post.sortAtMs < request.sinceMs) return false;
      if (request.untilMs !== null && post.sortAtMs >= request.untilMs) return false;
      if (request.lang !== null && !post.langs.some((lang) => lang.toLowerCase().startsWith(request.lang!.toLowerCase()))) return false;
      if (author !== null && post.authorDid !== author) return false;
      if (!loose && !request.tags.every((tag) => post.tags.has(tag))) return false;
      const account = this.resolveActor(post.authorDid)!;
      return matchesQuery(terms, { text: post.text, tags: post.tags, langs: post.langs, authorDid: account.did, authorHandle: account.handle }, loose);
    });
    matches.sort((a, b) => (request.sort === 'top' ? b.counts.like - a.counts.like : 0) || b.sortAtMs - a.sortAtMs || (a.uri < b.uri ? 1 : a.uri > b.uri ? -1 : 0));
    // Like the real service, the cursor is a position in the result list: posts arriving mid-paging
    // shift later pages (repeating a post) rather than being skipped.
    const hits = matches.slice(offset, offset + request.limit);
    // Like the AppView, posts are dropped after paging (blocks, takedowns), so a page can be short or
    // even empty while its cursor still leads to more.
    const page = hits.filter((post) => this.visiblePost(post.uri));
    const answer: Record<string, unknown> = { posts: page.map((post) => this.render(post)), hitsTotal: matches.length };
    if (offset + hits.length < matches.length) {
      const cursor = opaqueToken();
      this.cursors.set(cursor, { key, offset: offset + hits.length });
      answer.cursor = cursor;
    }
    return ok(answer);
  }

  private getPosts(query: URLSearchParams): Answer {
    const uris = query.getAll('uris');
    if (uris.length === 0) return invalidRequest('Error: Params must have the property "uris"');
    if (uris.length > MAX_LOOKUP) return invalidRequest(`Error: uris must not have more than ${MAX_LOOKUP} elements`);
    const found: StoredPost[] = [];
    for (const [i, uri] of uris.entries()) {
      const match = /^at:\/\/([^/]+)\/app\.bsky\.feed\.post\/([^/]+)$/.exec(uri);
      if (!/^at:\/\/[^/]+/.test(uri)) return invalidRequest(`Error: uris/${i} must be a valid at-uri`);
      if (!match) continue;
      const did = this.resolveActor(match[1]!)?.did;
      const post = did && this.visiblePost(`at://${did}/app.bsky.feed.post/${match[2]}`);
      if (post && !found.includes(post)) found.push(post);
    }
    return ok({ posts: found.map((post) => this.render(post)) });
  }

  private getProfiles(query: URLSearchParams): Answer {
    const actors = query.getAll('actors');
    if (actors.length === 0) return invalidRequest('Error: Params must have the property "actors"');
    if (actors.length > MAX_LOOKUP) return invalidRequest(`Error: actors must not have more than ${MAX_LOOKUP} elements`);
    const profiles: StoredAccount[] = [];
    for (const actor of actors) {
      const account = this.resolveActor(actor);
      if (account && !profiles.includes(account)) profiles.push(account);
    }
    return ok({ profiles: profiles.map((account) => profileViewDetailed(account, this.postCount(account.did), this.now())) });
  }

  /**
   * com.atproto.repo.getRecord as the AppView answers it: the record, even when its author is hidden
   * (it includes taken-down records); 400 RecordNotFound when the record or its account is deleted;
   * 400 InvalidRequest "Could not find repo" for a repo it never knew.
   */
  private getRecord(query: URLSearchParams): Answer {
    for (const name of ['repo', 'collection', 'rkey']) {
      if (query.get(name) === null) return invalidRequest(`Error: Params must have the property "${name}"`);
    }
    const repo = query.get('repo')!;
    const account = this.resolveActor(repo, true);
    if (!account) return invalidRequest(`Could not find repo: ${repo}`);
    const uri = `at://${account.did}/${query.get('collection')}/${query.get('rkey')}`;
    const post = this.existingRecord(uri);
    if (!post) return xrpcError(400, 'RecordNotFound', `Could not locate record: ${uri}`);
    return ok({ uri: post.uri, cid: post.cid, value: post.record });
  }

  private postCount(did: string): number {
    let count = 0;
    for (const post of this.posts.values()) if (post.authorDid === did && !post.deleted) count += 1;
    return count;
  }

  private send(res: http.ServerResponse, answer: Answer, rateLimit: RateLimitState | null, rawBody?: string): void {
    const body = Buffer.from(rawBody ?? JSON.stringify(answer.body), 'utf8');
    const headers: Record<string, string> = {
      date: new Date(this.now()).toUTCString(),
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(body.length),
    };
    if (rateLimit) {
      headers['ratelimit-limit'] = String(rateLimit.limit);
      headers['ratelimit-remaining'] = String(rateLimit.remaining);
      headers['ratelimit-reset'] = String(rateLimit.reset);
      headers['ratelimit-policy'] = rateLimit.policy;
    }
    res.writeHead(answer.status, headers);
    res.end(body);
  }
}

/** Identifies a search apart from its cursor and page size, so a cursor cannot be replayed against another query. */
function searchKey(request: SearchRequest): string {
  const { cursor: _cursor, limit: _limit, ...rest } = request;
  return JSON.stringify(rest);
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
