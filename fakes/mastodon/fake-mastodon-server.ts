// A local stand-in for one Mastodon server on 127.0.0.1 speaking Mastodon's REST wire format (tag
// timelines, status look-ups, auth, rate limits, federation between fakes, injectable faults).
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import type {
  FakeMastodonAccount,
  FakeMastodonAccountInput,
  FakeMastodonAuth,
  FakeMastodonCounts,
  FakeMastodonEndpoint,
  FakeMastodonFault,
  FakeMastodonReceiveOptions,
  FakeMastodonRequest,
  FakeMastodonStatus,
  FakeMastodonStatusInput,
} from './fake-mastodon-types.js';
import { compareIds, mastodonIdAt } from './mastodon-ids.js';
import { RateLimitWindow, type RateLimitState } from './rate-limit-window.js';
import { acctOf, renderStatus, type RenderContext, type StoredAccount, type StoredStatus } from './render-entities.js';
import { formatStatusText, type FormattedMention } from './status-html.js';
import { linkHeader, readPageParams, selectPage } from './timeline-page.js';
import { cutOffJson, FaultQueue } from '../fault-queue.js';
import { closeLoopbackServer, startLoopbackServer } from '../loopback-server.js';

export type * from './fake-mastodon-types.js';

export interface FakeMastodonServerOptions {
  /** Tokens the server accepts as `Authorization: Bearer …`. Any other token is refused with 401, as Mastodon does. */
  accessTokens?: string[];
  /**
   * Hashtag timelines refuse unauthenticated requests (public preview disabled, Mastodon 4.5+): an
   * anonymous request answers 422 {"error":"This method requires an authenticated user"}, as
   * Api::BaseController#require_user! does. Default false.
   */
  requireAuth?: boolean;
  /** Requests per period; Mastodon's default is 300 per 5 minutes. */
  rateLimit?: { limit: number; periodMs: number };
  /** Whether GET /api/v1/statuses?id[]= exists (Mastodon 4.3+). Default true. */
  batchLookup?: boolean;
  /** The fake's clock (ms since epoch): default creation times, rate-limit periods and reset headers. */
  now?: () => number;
}

export interface FakeMastodonFaultOptions {
  endpoint?: FakeMastodonEndpoint | 'any';
  /** Let this many matching requests succeed before the fault applies. */
  after?: number;
  /** How many matching requests get the fault. Default 1. */
  times?: number;
}

interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  /** Sent instead of JSON (an nginx error page, a cut-off body). */
  raw?: { contentType: string; text: string };
}

const JSON_TYPE = 'application/json; charset=utf-8';
const NOT_FOUND: Answer = { status: 404, body: { error: 'Record not found' } };
const INVALID_TOKEN: Answer = { status: 401, body: { error: 'The access token is invalid' } };
const USER_REQUIRED: Answer = { status: 422, body: { error: 'This method requires an authenticated user' } };
/** Mastodon's StatusesController#index refuses more than DEFAULT_STATUSES_LIMIT ids. */
const MAX_BATCH_IDS = 20;
const TIMELINE_PATH = /^\/api\/v1\/timelines\/tag\/([^/]+)$/;
const STATUS_PATH = /^\/api\/v1\/statuses\/([^/]+)$/;
/** Spreads each fake's sequence numbers apart, so one status gets different ids on different fakes. */
let fakesStarted = 0;
const NO_COUNTS: FakeMastodonCounts = { replies: 0, reblogs: 0, favourites: 0, quotes: 0 };

function tagKey(tag: string): string {
  return tag.normalize('NFC').toLowerCase();
}

function toMs(value: Date | string | undefined, fallback: number, method: string): number {
  if (value === undefined) return fallback;
  const ms = value instanceof Date ? value.getTime() : Date.parse(value);
  if (Number.isNaN(ms)) throw new Error(`FakeMastodonServer.${method}: createdAt "${String(value)}" is not a date`);
  return ms;
}

function gatewayPage(status: number): string {
  const title = { 404: 'Not Found', 500: 'Internal Server Error', 502: 'Bad Gateway', 503: 'Service Temporarily Unavailable', 504: 'Gateway Time-out' }[status] ?? 'Error';
  return `<html>\r\n<head><title>${status} ${title}</title></head>\r\n<body>\r\n<center><h1>${status} ${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

/**
 * Fake Mastodon server for tests. Typical use:
 * ```ts
 * const home = await FakeMastodonServer.start();
 * home.addAccount({ username: 'ana', displayName: 'Ana', followers: 120 });
 * const post = home.post({ account: 'ana', text: 'Fair shifts now #JobQuality' });
 * const remote = await FakeMastodonServer.start();
 * remote.receive(home, post.id, { counts: { favourites: 1 } }); // same uri, its own id, lagging counts
 * home.injectFault({ kind: 'status', status: 503 }, { endpoint: 'timeline' });
 * await Promise.all([home.close(), remote.close()]);
 * ```
 * Emulated: GET /api/v1/timelines/tag/:hashtag, GET /api/v1/statuses/:id, GET /api/v1/statuses?id[]=;
 * anything else answers 404 {"error":"Record not found"}.
 */
export class FakeMastodonServer {
  readonly baseUrl: string;
  /** host:port, the domain remote servers put in this server's accts. */
  readonly host: string;
  private readonly accounts = new Map<string, StoredAccount>();
  private readonly statuses = new Map<string, StoredStatus>();
  private readonly everTagged = new Set<string>();
  private readonly faults = new FaultQueue<FakeMastodonFault, FakeMastodonEndpoint>('FakeMastodonServer.injectFault');
  private readonly log: FakeMastodonRequest[] = [];
  private readonly window: RateLimitWindow;
  private readonly now: () => number;
  private sequence = (fakesStarted++ * 7_919) & 0xffff;
  private nextAccountId = 1;

  private constructor(
    private readonly server: http.Server,
    private readonly options: FakeMastodonServerOptions,
  ) {
    const { port } = server.address() as AddressInfo;
    this.host = `127.0.0.1:${port}`;
    this.baseUrl = `http://${this.host}`;
    this.now = options.now ?? Date.now;
    this.window = new RateLimitWindow(options.rateLimit?.limit ?? 300, options.rateLimit?.periodMs ?? 5 * 60_000);
  }

  /** Starts a fake on an ephemeral 127.0.0.1 port. */
  static async start(options: FakeMastodonServerOptions = {}): Promise<FakeMastodonServer> {
    // The fake is built around its server, so requests are handed to it once it exists.
    let fake: FakeMastodonServer | undefined;
    const server = await startLoopbackServer((req, res) => fake!.handle(req, res), (message) => ({ contentType: JSON_TYPE, body: JSON.stringify({ error: `fake Mastodon server error: ${message}` }) }));
    fake = new FakeMastodonServer(server, options);
    return fake;
  }

  /** Every request received, in order (including refused and faulted ones). */
  get requests(): ReadonlyArray<FakeMastodonRequest> {
    return this.log;
  }

  /** Adds a local account. */
  addAccount(input: FakeMastodonAccountInput): FakeMastodonAccount {
    if (!/^[A-Za-z0-9_]+$/.test(input.username)) throw new Error(`FakeMastodonServer.addAccount: "${input.username}" is not a Mastodon username`);
    if (this.localAccount(input.username)) throw new Error(`FakeMastodonServer.addAccount: @${input.username} already exists`);
    const account: StoredAccount = {
      id: String(this.nextAccountId++),
      username: input.username,
      domain: null,
      displayName: input.displayName ?? input.username,
      followers: input.followers ?? 0,
      url: `${this.baseUrl}/@${input.username}`,
      uri: `${this.baseUrl}/users/${input.username}`,
      createdAtMs: Date.parse('2023-01-15T00:00:00.000Z'),
    };
    this.accounts.set(account.id, account);
    return { id: account.id, username: account.username, acct: account.username, url: account.url, uri: account.uri };
  }

  /** Changes a local account's follower count. */
  setFollowers(username: string, followers: number): void {
    const account = this.localAccount(username);
    if (!account) throw new Error(`FakeMastodonServer.setFollowers: no local account @${username}`);
    account.followers = followers;
  }

  /** Publishes a status by a local account and returns how to refer to it. */
  post(input: FakeMastodonStatusInput): FakeMastodonStatus {
    const account = this.localAccount(input.account);
    if (!account) throw new Error(`FakeMastodonServer.post: no local account @${input.account}; call addAccount({ username: '${input.account}' }) first`);
    if ((input.text === undefined) === (input.html === undefined)) throw new Error('FakeMastodonServer.post: give exactly one of text or html');
    const createdAtMs = toMs(input.createdAt, this.now(), 'post');
    const formatted =
      input.text !== undefined
        ? formatStatusText(input.text, { origin: this.baseUrl, resolveMention: (username, domain) => this.resolveMention(username, domain) })
        : { html: input.html!, tags: [], mentions: [] };
    const replyTo = input.inReplyTo === undefined ? null : this.existing(input.inReplyTo, 'post');
    if (input.quoteOf !== undefined) this.existing(input.quoteOf, 'post');
    const id = this.newId(createdAtMs);
    const status = this.store({
      id,
      uri: `${this.baseUrl}/users/${account.username}/statuses/${id}`,
      url: `${this.baseUrl}/@${account.username}/${id}`,
      accountId: account.id,
      createdAtMs,
      html: formatted.html,
      tags: input.tags ?? formatted.tags,
      mentions: formatted.mentions,
      language: input.language === undefined ? 'en' : input.language,
      visibility: input.visibility ?? 'public',
      spoilerText: input.spoilerText ?? '',
      inReplyToId: replyTo?.id ?? null,
      inReplyToAccountId: replyTo?.accountId ?? null,
      quoteOfId: input.quoteOf ?? null,
      reblogOfId: null,
      card: input.card ? { title: '', description: '', ...input.card } : null,
      counts: { ...NO_COUNTS, ...input.counts },
      local: true,
      deleted: false,
    });
    return { id: status.id, uri: status.uri, url: status.url };
  }

  /**
   * Stores a federated copy of a status from another fake, as this server would after delivery:
   * its own local id (Mastodon derives it from the original's creation time), the same uri and url,
   * the author as a remote account `user@home-host`, and counts as this server knows them.
   */
  receive(home: FakeMastodonServer, homeStatusId: string, options: FakeMastodonReceiveOptions = {}): FakeMastodonStatus {
    const original = home.existing(homeStatusId, 'receive');
    const homeAccount = home.accounts.get(original.accountId)!;
    let account = [...this.accounts.values()].find((known) => known.uri === homeAccount.uri);
    if (!account) {
      account = { ...homeAccount, id: String(this.nextAccountId++), domain: homeAccount.domain ?? home.host };
      this.accounts.set(account.id, account);
    }
    if (options.followers !== undefined) account.followers = options.followers;
    const parent = original.inReplyToId === null ? undefined : home.statuses.get(original.inReplyToId);
    const localParent = parent && [...this.statuses.values()].find((known) => known.uri === parent.uri);
    const status = this.store({
      ...original,
      id: this.newId(original.createdAtMs),
      accountId: account.id,
      // A parent this server never received still has an id here once fetched; invent one like it.
      inReplyToId: original.inReplyToId === null ? null : (localParent?.id ?? this.newId(parent?.createdAtMs ?? original.createdAtMs - 60_000)),
      inReplyToAccountId: original.inReplyToId === null ? null : account.id,
      quoteOfId: null,
      counts: { ...original.counts, ...options.counts },
      local: false,
    });
    return { id: status.id, uri: status.uri, url: status.url };
  }

  /** A local account boosts a status this server knows; the boost appears in timelines with `reblog` set. */
  reblog(input: { account: string; statusId: string; createdAt?: Date | string }): FakeMastodonStatus {
    const account = this.localAccount(input.account);
    if (!account) throw new Error(`FakeMastodonServer.reblog: no local account @${input.account}`);
    const original = this.existing(input.statusId, 'reblog');
    const createdAtMs = toMs(input.createdAt, this.now(), 'reblog');
    const id = this.newId(createdAtMs);
    this.store({
      ...original,
      id,
      uri: `${this.baseUrl}/users/${account.username}/statuses/${id}/activity`,
      url: null,
      accountId: account.id,
      createdAtMs,
      html: '',
      tags: [],
      mentions: [],
      inReplyToId: null,
      inReplyToAccountId: null,
      quoteOfId: null,
      reblogOfId: original.id,
      card: null,
      counts: { ...NO_COUNTS },
      local: true,
    });
    return { id, uri: `${this.baseUrl}/users/${account.username}/statuses/${id}/activity`, url: null };
  }

  /** Updates some or all of a status's counts on this server. */
  setCounts(statusId: string, counts: Partial<FakeMastodonCounts>): void {
    const status = this.existing(statusId, 'setCounts');
    status.counts = { ...status.counts, ...counts };
  }

  /** Deletes a status: look-ups answer 404, timelines leave it out. */
  deleteStatus(statusId: string): void {
    this.existing(statusId, 'deleteStatus').deleted = true;
  }

  /**
   * Queues a fault: the next matching request(s) get it instead of a normal answer. `after` lets that
   * many matching requests through first. A 429 reports remaining 0 and a reset `resetInMs` from now.
   */
  injectFault(fault: FakeMastodonFault, options: FakeMastodonFaultOptions = {}): void {
    this.faults.add(fault, { after: options.after, times: options.times, scope: options.endpoint });
  }

  /** Ends the current rate-limit period early, as if its reset time had passed. */
  resetRateLimit(): void {
    this.window.reset();
  }

  async close(): Promise<void> {
    await closeLoopbackServer(this.server);
  }

  private localAccount(username: string): StoredAccount | undefined {
    return [...this.accounts.values()].find((account) => account.domain === null && account.username.toLowerCase() === username.toLowerCase());
  }

  private existing(statusId: string, method: string): StoredStatus {
    const status = this.statuses.get(statusId);
    if (!status) throw new Error(`FakeMastodonServer.${method}: no status with id ${statusId} on ${this.host}`);
    return status;
  }

  private newId(createdAtMs: number): string {
    let id: string;
    do id = mastodonIdAt(createdAtMs, this.sequence++);
    while (this.statuses.has(id));
    return id;
  }

  private store(status: StoredStatus): StoredStatus {
    this.statuses.set(status.id, status);
    for (const tag of status.tags) this.everTagged.add(tagKey(tag));
    return status;
  }

  private resolveMention(username: string, domain: string | null): FormattedMention | null {
    const account = [...this.accounts.values()].find(
      (known) => known.username.toLowerCase() === username.toLowerCase() && (domain === null || domain === this.host ? known.domain === null : known.domain === domain),
    );
    return account ? { id: account.id, username: account.username, acct: acctOf(account), url: account.url } : null;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const auth: FakeMastodonAuth = token === undefined ? 'none' : (this.options.accessTokens ?? []).includes(token) ? 'valid' : 'invalid';
    const entry: FakeMastodonRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, auth, token: token ?? null, status: 0 };
    this.log.push(entry);
    const respond = (answer: Answer, rateLimit: RateLimitState | null) => {
      entry.status = answer.status;
      this.send(res, answer, rateLimit);
    };

    const endpoint = this.endpointOf(req.method, url);
    if (!endpoint) return respond(NOT_FOUND, null);
    const fault = this.faults.takeFor(endpoint, req);
    if (fault === 'dropped') return;
    if (fault) {
      switch (fault.kind) {
        case 'empty-page': {
          const whole = this.answer(endpoint, url, auth === 'valid');
          return respond({ ...whole, body: whole.status === 200 ? [] : whole.body }, this.window.take(this.now()).state);
        }
        case 'malformed': {
          const text = cutOffJson(this.answer(endpoint, url, auth === 'valid').body);
          return respond({ status: 200, body: null, raw: { contentType: JSON_TYPE, text } }, null);
        }
        case 'status':
          if (fault.status === 429) {
            return respond({ status: 429, body: { error: 'Too many requests' } }, this.window.report(0, this.now() + fault.resetInMs));
          }
          if (fault.status === 401) return respond(INVALID_TOKEN, null);
          if (fault.status === 403) return respond({ status: 403, body: { error: 'This action is not allowed' } }, null);
          if (fault.status === 500) return respond({ status: 500, body: { error: 'Internal server error' } }, null);
          return respond({ status: fault.status, body: null, raw: { contentType: 'text/html', text: gatewayPage(fault.status) } }, null);
      }
    }
    // rack-attack counts every API request, before authentication.
    const { allowed, state } = this.window.take(this.now());
    if (!allowed) return respond({ status: 429, body: { error: 'Too many requests' } }, state);
    // A token that is sent must be valid, even where none is needed (authorize_if_got_token!).
    if (auth === 'invalid') return respond(INVALID_TOKEN, state);
    if (endpoint === 'timeline' && this.options.requireAuth && auth !== 'valid') return respond(USER_REQUIRED, state);
    respond(this.answer(endpoint, url, auth === 'valid'), state);
  }

  private endpointOf(method: string | undefined, url: URL): FakeMastodonEndpoint | null {
    if (method !== 'GET') return null;
    if (TIMELINE_PATH.test(url.pathname)) return 'timeline';
    if (url.pathname === '/api/v1/statuses') return this.options.batchLookup === false ? null : 'statuses';
    if (STATUS_PATH.test(url.pathname)) return 'status';
    return null;
  }

  private send(res: http.ServerResponse, answer: Answer, rateLimit: RateLimitState | null): void {
    const text = answer.raw?.text ?? JSON.stringify(answer.body);
    const headers: Record<string, string> = {
      'content-type': answer.raw?.contentType ?? JSON_TYPE,
      'cache-control': 'private, no-store',
      vary: 'Authorization, Origin',
      ...answer.headers,
    };
    if (rateLimit) {
      headers['x-ratelimit-limit'] = String(rateLimit.limit);
      headers['x-ratelimit-remaining'] = String(rateLimit.remaining);
      headers['x-ratelimit-reset'] = new Date(rateLimit.resetAt).toISOString();
    }
    const body = Buffer.from(text, 'utf8');
    headers['content-length'] = String(body.length);
    res.writeHead(answer.status, headers);
    res.end(body);
  }

  private renderContext(authorized: boolean): RenderContext {
    return {
      origin: this.baseUrl,
      authorized,
      account: (id) => this.accounts.get(id)!,
      status: (id) => this.statuses.get(id),
      statusesCount: (accountId) => [...this.statuses.values()].filter((status) => status.accountId === accountId && !status.deleted).length,
    };
  }

  private visible(status: StoredStatus): boolean {
    return !status.deleted && (status.visibility === 'public' || status.visibility === 'unlisted');
  }

  private answer(endpoint: FakeMastodonEndpoint, url: URL, authorized: boolean): Answer {
    const context = this.renderContext(authorized);
    switch (endpoint) {
      case 'timeline':
        return this.tagTimeline(decodeURIComponent(TIMELINE_PATH.exec(url.pathname)![1]!), url.searchParams, context);
      case 'status': {
        const status = this.statuses.get(decodeURIComponent(STATUS_PATH.exec(url.pathname)![1]!));
        return status && this.visible(status) ? { status: 200, body: renderStatus(status, context) } : NOT_FOUND;
      }
      case 'statuses': {
        const ids = [...new Set(url.searchParams.getAll('id[]'))];
        if (ids.length > MAX_BATCH_IDS) return { status: 422, body: { error: 'Mastodon::ValidationError' } };
        // Answered in database order, not the order asked; ids it cannot show are simply left out.
        const found = ids
          .map((id) => this.statuses.get(id))
          .filter((status): status is StoredStatus => status !== undefined && this.visible(status))
          .sort((a, b) => compareIds(a.id, b.id));
        return { status: 200, body: found.map((status) => renderStatus(status, context)) };
      }
    }
  }

  private tagTimeline(tag: string, query: URLSearchParams, context: RenderContext): Answer {
    const key = tagKey(tag);
    if (!this.everTagged.has(key)) return NOT_FOUND;
    const now = this.now();
    const local = query.get('local') === 'true';
    const remote = query.get('remote') === 'true';
    const tagged = (status: StoredStatus) => status.tags.some((name) => tagKey(name) === key);
    const candidates = [...this.statuses.values()].filter((status) => {
      if (status.deleted || status.visibility !== 'public' || status.createdAtMs > now) return false;
      if ((local && !status.local) || (remote && status.local)) return false;
      if (status.reblogOfId === null) return tagged(status);
      // Boosts of tagged statuses show up too, so collectors must not count them as posts.
      const original = this.statuses.get(status.reblogOfId);
      return original !== undefined && !original.deleted && tagged(original);
    });
    const page = selectPage(candidates, readPageParams(query));
    const kept = new URLSearchParams();
    for (const name of ['local', 'remote', 'only_media', 'limit']) {
      const value = query.get(name);
      if (value !== null) kept.set(name, value);
    }
    const link = linkHeader(`${this.baseUrl}/api/v1/timelines/tag/${encodeURIComponent(tag)}`, kept, page);
    return { status: 200, body: page.map((status) => renderStatus(status, context)), ...(link ? { headers: { link } } : {}) };
  }
}
