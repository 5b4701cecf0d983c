// Collects tracked-hashtag posts from every watched Mastodon server and refreshes their counts,
// keeping each federated post once and letting one server fail without losing the others' work.
import type { NetworkAdapter, RefreshedBatch, RefreshRequest, RunContext } from '../../adapter.js';
import { DEFAULT_HTTP_LIMITS, type HttpLimits } from '../../bounded-request.js';
import { CollectionAbortedError, RateLimitedError } from '../../errors.js';
import type { RetryPolicy } from '../../retry.js';
import { collectTimeline } from './mastodon-collect.js';
import { createMastodonClient, MAX_BATCH_IDS, type MastodonClient } from './mastodon-client.js';
import { acctDomain, homeHosts, hostOf } from './mastodon-normalize.js';
import { readHomeCopies, refreshFromServer } from './mastodon-refresh.js';
import { planRefresh } from './mastodon-refresh-plan.js';
import type { MastodonStatus } from './mastodon-schema.js';

export interface MastodonAdapterOptions {
  /** Base URLs of the servers to watch (no trailing slash). */
  instances: string[];
  /**
   * MASTODON_TOKEN: the token of the first server in `instances` (a Mastodon token belongs to the one
   * server that issued it), sent only when that server refuses anonymous reads.
   */
  token: string | null;
  /** MASTODON_TOKENS: tokens by server base URL; each goes to its own server only, and only when needed. */
  tokens?: Readonly<Record<string, string>>;
  retryPolicy: RetryPolicy;
  /** How far back the first run pages (default 7). */
  backfillDays?: number;
  /** Injectable for tests; default global fetch. */
  fetch?: typeof fetch;
  /**
   * How long after creation a federated status may still arrive and be caught (default 3 hours,
   * LATE_ARRIVAL_WINDOW): each run re-reads this much of every timeline, skipping what it already has.
   */
  lateArrivalWindowMs?: number;
  /** Deadline per request (default 30 s; a timed-out request is retried like a network error) and body cap (default 4 MB). */
  limits?: HttpLimits;
}

const DEFAULT_LATE_ARRIVAL_WINDOW_MS = 3 * 3_600_000;

/** Each watched server's own token: MASTODON_TOKENS entries, and MASTODON_TOKEN for the first server unless it has one. */
export function tokensByServer(servers: readonly string[], token: string | null, tokens: Readonly<Record<string, string>>): Map<string, string> {
  const byServer = new Map<string, string>();
  for (const [server, value] of Object.entries(tokens)) byServer.set(server.replace(/\/+$/, ''), value);
  const first = servers[0];
  if (token && first !== undefined && !byServer.has(first)) byServer.set(first, token);
  return byServer;
}

/**
 * Servers are independent: when one fails (auth, rate limit, errors that outlast retries) its committed
 * pages stay stored and the other servers still run; the failure is rethrown at the end so the run
 * records it. A hard failure outranks a rate-limit stop in what is rethrown; every one is logged.
 */
class ServerFailures {
  private readonly failures: Array<{ server: string; error: unknown }> = [];

  constructor(private readonly ctx: RunContext) {}

  /** Records a failure; shutdown is not a server failure and ends everything at once. */
  add(server: string, error: unknown, doing: string): void {
    if (error instanceof CollectionAbortedError || this.ctx.signal.aborted) throw error;
    this.failures.push({ server, error });
    const message = error instanceof Error ? error.message : String(error);
    this.ctx.log.warn({ server, err: { name: error instanceof Error ? error.name : 'Error', message } }, `mastodon ${server}: ${doing} stopped (${message}); other servers carry on`);
  }

  rethrow(): void {
    const chosen = this.failures.find(({ error }) => !(error instanceof RateLimitedError)) ?? this.failures[0];
    if (chosen) throw chosen.error;
  }
}

/**
 * Decides whether a status read from `server` is a new post. One post reaches many servers under
 * different local ids; it is kept once, by `uri`. A copy on a server other than the author's home
 * server is skipped when the home server is watched too: the home copy arrives through the home
 * timeline with current counts. Otherwise the first copy seen is kept, and refreshed from there.
 * Boosts are not posts.
 */
function selector(ctx: RunContext, server: string, watchedHosts: ReadonlySet<string>, seenUris: Set<string>): (status: MastodonStatus) => boolean {
  const serverHost = hostOf(server);
  return (status) => {
    if (status.reblog) return false;
    if (acctDomain(status.account.acct) !== null) {
      const home = homeHosts(status).find((host) => host !== serverHost && watchedHosts.has(host));
      if (home) {
        ctx.log.debug({ server, uri: status.uri }, `skipping a remote copy: ${home} is watched and holds the original`);
        return false;
      }
    }
    if (seenUris.has(status.uri)) return false;
    seenUris.add(status.uri);
    return true;
  };
}

/**
 * The client for watched servers (each with its own token, sent only where needed) and the one for
 * home servers that are not watched: those are asked once, anonymously, and never waited for; on any
 * trouble the watched copy's counts are used instead. No token is ever sent to them.
 */
function createClients(options: MastodonAdapterOptions, servers: readonly string[]): { client: MastodonClient; homeClient: MastodonClient } {
  const tokens = tokensByServer(servers, options.token, options.tokens ?? {});
  const shared = { fetch: options.fetch ?? globalThis.fetch, limits: options.limits ?? DEFAULT_HTTP_LIMITS };
  return {
    client: createMastodonClient({ ...shared, tokenFor: (server) => tokens.get(server) ?? null, retryPolicy: options.retryPolicy }),
    homeClient: createMastodonClient({ ...shared, tokenFor: () => null, retryPolicy: { ...options.retryPolicy, maxAttempts: 1, maxRateLimitWaitMs: 0 } }),
  };
}

/** The Mastodon adapter: one scope (checkpoint) per watched server and tracked hashtag. */
export function createMastodonAdapter(options: MastodonAdapterOptions): NetworkAdapter {
  const servers = [...new Set(options.instances.map((instance) => instance.replace(/\/+$/, '')))];
  const watchedHosts = new Set(servers.map(hostOf));
  const backfillDays = options.backfillDays ?? 7;
  const lateArrivalWindowMs = options.lateArrivalWindowMs ?? DEFAULT_LATE_ARRIVAL_WINDOW_MS;
  const { client, homeClient } = createClients(options, servers);

  return {
    network: 'mastodon',
    refreshBatchSize: MAX_BATCH_IDS,

    async *collect(ctx) {
      const seenUris = new Set<string>();
      const failures = new ServerFailures(ctx);
      servers: for (const server of servers) {
        try {
          for (const tag of ctx.hashtags) {
            const outcome = yield* collectTimeline(ctx, {
              client,
              server,
              tag,
              // The server and tag name the timeline; each keeps its own checkpoint.
              scope: `${server}#${tag}`,
              backfillDays,
              lateArrivalWindowMs,
              select: selector(ctx, server, watchedHosts, seenUris),
            });
            if (outcome === 'stopped') return;
            if (outcome === 'budget') {
              ctx.log.warn('mastodon read budget reached: stopping collection; the next run resumes from the saved checkpoints');
              break servers;
            }
          }
        } catch (error) {
          failures.add(server, error, 'collection');
        }
      }
      failures.rethrow();
    },

    async *refresh(requests: readonly RefreshRequest[], ctx: RunContext): AsyncGenerator<RefreshedBatch> {
      const { byServer, byUnwatchedHome, unreadable, unwatched } = planRefresh(requests, servers);
      if (unreadable > 0) ctx.log.warn({ count: unreadable }, `${unreadable} stored mastodon posts have an unreadable refresh reference and were not refreshed`);
      // A server taken out of MASTODON_INSTANCES is no longer contacted, not even for refreshes.
      if (unwatched > 0) ctx.log.info({ count: unwatched }, `${unwatched} mastodon posts come from servers no longer in MASTODON_INSTANCES and were not refreshed`);
      // Posts whose author's home server is not watched: their home copies first, where they answer.
      const homeCopies = new Map<string, MastodonStatus>();
      for (const [home, items] of byUnwatchedHome) {
        if (ctx.signal.aborted) return;
        for (const [uri, status] of await readHomeCopies(ctx, homeClient, home, items)) homeCopies.set(uri, status);
      }
      const failures = new ServerFailures(ctx);
      for (const [server, items] of byServer) {
        try {
          yield* refreshFromServer(ctx, client, server, items, homeCopies);
          if (ctx.signal.aborted) return;
        } catch (error) {
          failures.add(server, error, 'refresh');
        }
      }
      failures.rethrow();
    },
  };
}
