// The dashboard's HTTP server (Hono on Node): the JSON API under /api, the built app, /healthz,
// the public action page and share redirect (action-routes.ts), security headers on every answer,
// and one error shape. Every request passes the host check (host-check.ts) and, with a token, the
// credential check (staff-access.ts). The public part can also be served on a listener of its own
// (`listenPublic`) that has no staff route at all. It gets only what it needs: no config, and of
// the secrets only the dashboard token, which it compares and never sends.
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Logger } from '../../core/logger.js';
import type { Network } from '../../core/types.js';
import type { Db } from '../../db/connection.js';
import { changeToken } from '../../db/data-version.js';
import { catchUpIndexes } from '../../db/index-catch-up.js';
import { setPostIndexTimeZone } from '../../db/post-index.js';
import type { CampaignShareables } from '../../shareables/campaign-shareables.js';
import { knownMastodonServers } from '../../shareables/share-redirect.js';
import { createActionRoutes } from './action-routes.js';
import { answerCache, type AnswerCache } from './answer-cache.js';
import { createApiRoutes } from './api-routes.js';
import type { IntelligenceSettings } from './intelligence-answers.js';
import { createClickGuard } from './click-guard.js';
import { errorBody } from './error-body.js';
import { createHealth } from './health-route.js';
import { hostCheck } from './host-check.js';
import { isLoopbackHost, listenOn, type RunningServer } from './listening.js';
import { InvalidParameterError } from './query-params.js';
import { staffAccess } from './staff-access.js';
import { hasBuiltApp, staticApp } from './static-app.js';
import { localDate } from './time-range.js';

export { DashboardListenError, type RunningServer } from './listening.js';

export interface DashboardServerOptions {
  db: Db;
  /** Tracked hashtags, normalised (lower case, no '#'). */
  hashtags: string[];
  /** TZ_REPORTS: days and weeks are bucketed here. */
  timeZone: string;
  /** Keep per-local-day totals in the post index (the default); off, whole days are read post by post (the benchmark's "before"). */
  dayTotals?: boolean;
  /** Folder of the built app (dist/dashboard-app), or null to serve the API only. */
  staticDir: string | null;
  /** Folder of weekly reports (REPORTS_DIR), or null. */
  reportsDir: string | null;
  /** Shows the "demo data" banner. */
  demo: boolean;
  log: Logger;
  /** Networks the collector is configured to collect (the rest show as disabled). */
  enabledNetworks: Network[];
  /** The clock; tests pin it. Default Date.now. */
  now?: () => number;
  /**
   * The campaign's ready-made posts: served as the action page at /action/, behind the counting
   * share redirect /s/<shareable>/<network>, and named in /api/shareables. Default none (those
   * routes answer 404 and /api/shareables lists ids only).
   */
  shareables?: CampaignShareables | null;
  /** PUBLIC_BASE_URL, for the action page's share and OpenGraph links; default none (same-server paths). */
  publicBaseUrl?: string | null;
  /** Reuse analytics answers until the data changes (answer-cache.ts); default true. The benchmark turns it off to time the queries. */
  cacheAnswers?: boolean;
  /**
   * DASHBOARD_TOKEN: staff routes then need it (bearer header or the /login session cookie).
   * Default none, which `listen` accepts only on a loopback address.
   */
  accessToken?: string | null;
  /** ALLOWED_HOSTS: host names answered besides loopback names and IP literals (lower case, no port). */
  allowedHosts?: readonly string[];
  /** TRUST_PROXY: how many reverse proxies in front append to X-Forwarded-For; default 0. */
  trustProxyHops?: number;
  /** MASTODON_INSTANCES: the watched servers, to which share links redirect without asking. */
  watchedMastodonServers?: readonly string[];
  /** COMPARE_HASHTAGS and the AMPLIFIER_ACCOUNTS_FILE map, for share of voice and amplifiers; default none. */
  intelligence?: IntelligenceSettings;
}

export interface DashboardServer {
  app: Hono;
  /** The public part alone (action page, share redirects, click counting): no staff route. */
  publicApp: Hono;
  /** Serves `app`; refuses a non-loopback host without an access token. */
  listen(host: string, port: number): Promise<RunningServer>;
  /** Serves `publicApp` (PUBLIC_HOST, PUBLIC_PORT). */
  listenPublic(host: string, port: number): Promise<RunningServer>;
  /**
   * Computes again the answers people asked for most recently, so they are ready when the open
   * dashboards next refresh; call it after the data changed (a collection). Resolves to how many.
   */
  refreshRecentAnswers(): Promise<number>;
}

/** The dashboard would serve staff data to other machines without asking for a credential. */
export class DashboardAccessError extends Error {
  override name = 'DashboardAccessError';
  constructor(readonly host: string) {
    super(
      `The dashboard will not listen on ${host} without a credential: that address is reachable from other machines, and the dashboard shows staff data (every post, collector status, reports). ` +
        'Set DASHBOARD_TOKEN to a long random secret (for example the output of `openssl rand -base64 32`) so staff sign in with it, ' +
        'or set HOST=127.0.0.1 and put a reverse proxy in front. Supporters need only the public pages: set PUBLIC_PORT to serve those on their own port.',
    );
  }
}

/**
 * Paths anyone may fetch on the staff listener too: the public pages (the action page, share links
 * /s/…, the action page's copy counting /c/…), the sign-in page, /healthz for monitors.
 */
export function isPublicPath(path: string): boolean {
  return (
    path === '/healthz' ||
    path === '/action' ||
    path.startsWith('/action/') ||
    path.startsWith('/s/') ||
    path.startsWith('/c/') ||
    path === '/login' ||
    path === '/login.css' ||
    path === '/logout'
  );
}

// The app loads its scripts, styles, fonts and data from this server only. Chart.js sizes canvases
// through the CSSOM, which style-src does not restrict; PNG downloads are data: URLs.
const APP_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  const headers = c.res.headers;
  if (!headers.has('Content-Security-Policy')) headers.set('Content-Security-Policy', APP_CSP);
  headers.set('X-Content-Type-Options', 'nosniff');
  headers.set('Referrer-Policy', 'no-referrer');
  headers.set('X-Frame-Options', 'DENY');
  headers.set('Cross-Origin-Opener-Policy', 'same-origin');
  // The action page's counting beacons opt out (they are sent from wherever the page is uploaded).
  if (!headers.has('Cross-Origin-Resource-Policy')) headers.set('Cross-Origin-Resource-Policy', 'same-origin');
};

// Endpoints whose answers depend only on the query, the data and today's date. Not the coverage
// ledger and status (they compare with the clock), nor the CSV download (large, and rarely repeated).
const CACHED_ENDPOINTS = ['summary', 'timeseries', 'top-posts', 'top-contributors', 'networks', 'hashtags', 'shareables'];
const CACHED_ANSWERS = 200;
// About what a few open dashboards ask (each view makes six to eight requests).
const REFRESHED_ANSWERS = 24;

const INTERNAL_MESSAGE = 'Something went wrong; the details are in the server log.';

/** What the pieces of the server below share: the options with their defaults applied. */
interface ServerParts {
  options: DashboardServerOptions;
  log: Logger;
  now: () => number;
  token: string | null;
  trustProxyHops: number;
}

/** Builds the dashboard app; `listen` starts serving it over HTTP. */
export function createDashboardServer(options: DashboardServerOptions): DashboardServer {
  const parts: ServerParts = {
    options,
    log: options.log.child({ module: 'dashboard' }),
    now: options.now ?? Date.now,
    token: options.accessToken ?? null,
    trustProxyHops: options.trustProxyHops ?? 0,
  };
  // Day buckets and ranges are local days of this zone: the post index keeps totals per such day.
  setPostIndexTimeZone(options.db, options.dayTotals === false ? null : options.timeZone);
  const app = new Hono();
  const publicApp = new Hono();
  checkEveryRequest([app, publicApp], parts);

  const access = staffAccess({ token: parts.token, isPublicPath, now: parts.now, trustProxyHops: parts.trustProxyHops, log: parts.log });
  app.use('*', access.middleware);
  app.route('/', access.routes);
  const health = createHealth({ db: options.db, now: parts.now });
  app.get('/healthz', (c) => health.handler(c));
  const cache = mountApi(app, parts);
  mountPublicRoutes(app, publicApp, parts);
  mountBuiltApp(app, options.staticDir);
  answerNotFoundAndErrors(app, publicApp, parts.log);

  return {
    app,
    publicApp,
    refreshRecentAnswers: () => {
      // The indexes too, even those no recent answer reads (share of voice unasked for a week).
      catchUpIndexes(options.db, { comparators: comparesHashtags(options) });
      return askAgain(app, cache?.recentPaths(REFRESHED_ANSWERS) ?? [], parts.token);
    },
    async listen(host, port) {
      if (!parts.token && !isLoopbackHost(host)) throw new DashboardAccessError(host);
      const note = parts.token ? 'staff sign in with DASHBOARD_TOKEN' : 'no sign-in (loopback only)';
      const running = await listenOn(app, { host, port, log: parts.log, label: 'dashboard', note });
      void health.checkIntegrityNow();
      return running;
    },
    listenPublic(host, port) {
      return listenOn(publicApp, {
        host,
        port,
        log: parts.log,
        label: 'public pages (action page and share links)',
        variables: { host: 'PUBLIC_HOST', port: 'PUBLIC_PORT' },
      });
    },
  };
}

/** Request logging, security headers and the host check, on both listeners. */
function checkEveryRequest(apps: readonly Hono[], { options, log }: ServerParts): void {
  const logRequests: MiddlewareHandler = async (c, next) => {
    const started = performance.now();
    await next();
    log.debug({ method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) }, 'request');
  };
  const allowedHosts = [...(options.allowedHosts ?? [])];
  // The public address people are given is always an allowed name.
  if (options.publicBaseUrl && URL.canParse(options.publicBaseUrl)) allowedHosts.push(new URL(options.publicBaseUrl).hostname.toLowerCase());
  for (const target of apps) {
    target.use('*', logRequests);
    target.use('*', securityHeaders);
    target.use('*', hostCheck(allowedHosts));
  }
}

/** Whether share of voice has comparator hashtags, so the comparator index is kept too. */
function comparesHashtags(options: DashboardServerOptions): boolean {
  return (options.intelligence?.compareHashtags?.length ?? 0) > 0;
}

/** The JSON API under /api, behind the answer cache (unless turned off); returns the cache. */
function mountApi(app: Hono, { options, log, now }: ServerParts): AnswerCache | null {
  // The first request after a commit brings every index up to date, not only those it reads: in a
  // `serve` process (no collection in-process to do it) share of voice unasked for a while waited
  // for every collection since (641 ms for 140 collections at 1M, BENCHMARKS.md).
  let indexesAt: string | null = null;
  app.use('/api/*', async (c, next) => {
    const token = changeToken(options.db, 'collected');
    if (token !== indexesAt) {
      catchUpIndexes(options.db, { comparators: comparesHashtags(options) });
      indexesAt = token;
    }
    await next();
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
  });
  // Share clicks change only /api/shareables: the other answers outlive them.
  const cache =
    options.cacheAnswers === false
      ? null
      : answerCache({
          dataVersion: (pathname) => changeToken(options.db, pathname === '/api/shareables' ? 'collected+clicks' : 'collected'),
          context: (url) => answerContext(url, now(), options.timeZone),
          maxEntries: CACHED_ANSWERS,
        });
  if (cache) for (const endpoint of CACHED_ENDPOINTS) app.use(`/api/${endpoint}`, cache.middleware);
  app.route(
    '/api',
    createApiRoutes({
      db: options.db,
      hashtags: options.hashtags,
      timeZone: options.timeZone,
      reportsDir: options.reportsDir,
      demo: options.demo,
      enabledNetworks: options.enabledNetworks,
      log,
      now,
      shareables: options.shareables ?? null,
      publicBaseUrl: options.publicBaseUrl ?? null,
      signInRequired: Boolean(options.accessToken),
      ...(options.intelligence ? { intelligence: options.intelligence } : {}),
    }),
  );
  // Unknown /api paths must answer JSON 404, never the app's index.html.
  app.all('/api/*', (c) => c.notFound());
  return cache;
}

/**
 * The action page, share redirects and click counting on both listeners. One set of routes and one
 * click guard for both: a client's presses count once whichever address they came through.
 */
function mountPublicRoutes(app: Hono, publicApp: Hono, { options, log, now, trustProxyHops }: ServerParts): void {
  const publicRoutes = createActionRoutes({
    db: options.db,
    shareables: options.shareables ?? null,
    publicBaseUrl: options.publicBaseUrl ?? null,
    timeZone: options.timeZone,
    now,
    clickGuard: createClickGuard({ now, trustProxyHops }),
    knownMastodonServers: knownMastodonServers(options.watchedMastodonServers ?? []),
    log,
  });
  app.route('/', publicRoutes);
  publicApp.route('/', publicRoutes);
  publicApp.get('/', (c) => c.redirect('/action/', 302));
}

/** The built app for every other path, or a note on how to build it. */
function mountBuiltApp(app: Hono, staticDir: string | null): void {
  if (hasBuiltApp(staticDir)) {
    for (const handler of staticApp(staticDir)) app.get('*', handler);
    return;
  }
  app.get('/', (c) =>
    c.json(errorBody('not_found', 'The dashboard app is not built: run `npm run build:dashboard` and restart. The JSON API answers under /api/.'), 404),
  );
}

/** The one error shape for unknown paths, bad parameters and failures, on both listeners. */
function answerNotFoundAndErrors(app: Hono, publicApp: Hono, log: Logger): void {
  app.notFound((c) => c.json(errorBody('not_found', `Nothing here: ${c.req.method} ${c.req.path}. The JSON API lives under /api/ (see README "Dashboard API").`), 404));
  publicApp.notFound((c) =>
    c.json(errorBody('not_found', `Nothing here: ${c.req.method} ${c.req.path}. This address serves only the campaign's action page (/action/) and share links (/s/…).`), 404),
  );
  const onError = (error: Error, c: Context) => {
    if (error instanceof HTTPException) return error.getResponse();
    if (error instanceof InvalidParameterError) return c.json(errorBody('invalid_parameter', error.message), 400);
    log.error({ err: error, method: c.req.method, path: c.req.path }, 'dashboard request failed');
    return c.json(errorBody('internal', INTERNAL_MESSAGE), 500);
  };
  app.onError(onError);
  publicApp.onError(onError);
}

/** Asks `paths` again (with the token, when there is one), so their answers are cached afresh; resolves to how many. */
async function askAgain(app: Hono, paths: readonly string[], token: string | null): Promise<number> {
  for (const path of paths) {
    // One at a time, yielding in between, so requests from browsers are served meanwhile.
    await new Promise((resolve) => setImmediate(resolve));
    await app.request(path, token ? { headers: { Authorization: `Bearer ${token}` } } : {});
  }
  return paths.length;
}

/** How long an answer about a range still running is kept: its "so far" comparison moves with the clock. */
const RUNNING_RANGE_ANSWER_MS = 5 * 60_000;

/**
 * The answer cache's context: the local date, plus the current five-minute slot for a range that
 * reaches today or later (no `to`, or a `to` not before today), so a "so far" answer is at most five
 * minutes old even when no collection changes the data.
 */
function answerContext(url: URL, nowMs: number, timeZone: string): string {
  const today = localDate(nowMs, timeZone);
  const to = url.searchParams.get('to');
  const running = to === null || to.slice(0, 10) >= today;
  return running ? `${today} ${Math.floor(nowMs / RUNNING_RANGE_ANSWER_MS)}` : today;
}
