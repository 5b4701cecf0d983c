// The dashboard's HTTP server (Hono on Node): the JSON API under /api, the built app, /healthz,
// the public action page and share redirect (action-routes.ts), security headers on every answer,
// and one error shape. It gets only what it needs: no config,
// no tokens, so it cannot leak them.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer } from '@hono/node-server';
import { Hono, type MiddlewareHandler } from 'hono';
import type { Logger } from '../../core/logger.js';
import type { Network } from '../../core/types.js';
import type { Db } from '../../db/connection.js';
import { dataVersion } from '../../db/data-version.js';
import { checkDatabase } from '../../db/health.js';
import type { CampaignShareables } from '../../shareables/campaign-shareables.js';
import { createActionRoutes } from './action-routes.js';
import { answerCache } from './answer-cache.js';
import { createApiRoutes } from './api-routes.js';
import { InvalidParameterError } from './query-params.js';
import { hasBuiltApp, staticApp } from './static-app.js';
import { localDate } from './time-range.js';

export interface DashboardServerOptions {
  db: Db;
  /** Tracked hashtags, normalised (lower case, no '#'). */
  hashtags: string[];
  /** TZ_REPORTS: days and weeks are bucketed here. */
  timeZone: string;
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
}

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export interface DashboardServer {
  app: Hono;
  listen(host: string, port: number): Promise<RunningServer>;
  /**
   * Computes again the answers people asked for most recently, so they are ready when the open
   * dashboards next refresh; call it after the data changed (a collection). Resolves to how many.
   */
  refreshRecentAnswers(): Promise<number>;
}

/** The server could not start listening (port in use, address not available, no permission). */
export class DashboardListenError extends Error {
  override name = 'DashboardListenError';
  constructor(
    readonly host: string,
    readonly port: number,
    cause: NodeJS.ErrnoException,
  ) {
    const why =
      cause.code === 'EADDRINUSE'
        ? `port ${port} is already in use on ${host}: stop the other program or set PORT to a free port`
        : cause.code === 'EACCES'
          ? `no permission to listen on port ${port}: use a port above 1023 (set PORT)`
          : cause.code === 'EADDRNOTAVAIL'
            ? `${host} is not an address of this machine: set HOST (for example 127.0.0.1)`
            : cause.message;
    super(`The dashboard could not start on ${host}:${port}: ${why}.`, { cause });
  }
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

function errorBody(code: string, message: string) {
  return { error: { code, message } };
}

// Endpoints whose answers depend only on the query, the data and today's date. Not the coverage
// ledger and status (they compare with the clock), nor the CSV download (large, and rarely repeated).
const CACHED_ENDPOINTS = ['summary', 'timeseries', 'top-posts', 'top-contributors', 'networks', 'hashtags', 'shareables'];
const CACHED_ANSWERS = 200;
// About what a few open dashboards ask (each view makes six to eight requests).
const REFRESHED_ANSWERS = 24;

const INTERNAL_MESSAGE = 'Something went wrong; the details are in the server log.';

/** Builds the dashboard app; `listen` starts serving it over HTTP. */
export function createDashboardServer(options: DashboardServerOptions): DashboardServer {
  const log = options.log.child({ module: 'dashboard' });
  const now = options.now ?? Date.now;
  const app = new Hono();

  app.use('*', async (c, next) => {
    const started = performance.now();
    await next();
    log.debug({ method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) }, 'request');
  });
  app.use('*', securityHeaders);
  app.use('/api/*', async (c, next) => {
    await next();
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
  });

  const cache =
    options.cacheAnswers === false
      ? null
      : answerCache({ dataVersion: () => dataVersion(options.db), context: () => localDate(now(), options.timeZone), maxEntries: CACHED_ANSWERS });
  if (cache) for (const endpoint of CACHED_ENDPOINTS) app.use(`/api/${endpoint}`, cache.middleware);

  app.get('/healthz', (c) => {
    const ok = checkDatabase(options.db);
    return c.json({ ok, database: ok ? 'ok' : 'unavailable' }, ok ? 200 : 503, { 'Cache-Control': 'no-store' });
  });

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
    }),
  );
  // Unknown /api paths must answer JSON 404, never the app's index.html.
  app.all('/api/*', (c) => c.notFound());

  app.route(
    '/',
    createActionRoutes({
      db: options.db,
      shareables: options.shareables ?? null,
      publicBaseUrl: options.publicBaseUrl ?? null,
      timeZone: options.timeZone,
      now,
    }),
  );

  if (hasBuiltApp(options.staticDir)) {
    for (const handler of staticApp(options.staticDir)) app.get('*', handler);
  } else {
    app.get('/', (c) =>
      c.json(errorBody('not_found', 'The dashboard app is not built: run `npm run build:dashboard` and restart. The JSON API answers under /api/.'), 404),
    );
  }

  app.notFound((c) => c.json(errorBody('not_found', `Nothing here: ${c.req.method} ${c.req.path}. The JSON API lives under /api/ (see README "Dashboard API").`), 404));

  app.onError((error, c) => {
    if (error instanceof InvalidParameterError) return c.json(errorBody('invalid_parameter', error.message), 400);
    log.error({ err: error, method: c.req.method, path: c.req.path }, 'dashboard request failed');
    return c.json(errorBody('internal', INTERNAL_MESSAGE), 500);
  });

  return {
    app,
    async refreshRecentAnswers() {
      const paths = cache?.recentPaths(REFRESHED_ANSWERS) ?? [];
      for (const path of paths) {
        // One at a time, yielding in between, so requests from browsers are served meanwhile.
        await new Promise((resolve) => setImmediate(resolve));
        await app.request(path);
      }
      return paths.length;
    },
    listen(host, port) {
      return new Promise((resolve, reject) => {
        const server = createAdaptorServer({ fetch: app.fetch }) as Server;
        server.once('error', (error: NodeJS.ErrnoException) => reject(new DashboardListenError(host, port, error)));
        server.listen(port, host, () => {
          const address = server.address() as AddressInfo;
          const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
          const url = `http://${shownHost}:${address.port}`;
          log.info({ url }, `dashboard listening on ${url}`);
          resolve({
            url,
            close: () =>
              new Promise<void>((done, fail) => {
                server.close((error) => (error ? fail(error) : done()));
                server.closeIdleConnections();
                // Requests still running get a moment to finish, then their sockets are closed.
                setTimeout(() => server.closeAllConnections(), 2_000).unref();
              }),
          });
        });
      });
    },
  };
}
