// The public side of the shareables: the action page at /action/ (built in memory from the content
// file, its share buttons pointing at this server), the share redirect /s/<shareable>/<network>,
// which counts one click for the shareable, network and local day and sends the supporter on to
// the network's composer, and the page's beacons: POST /s/… (a share through the phone's share
// menu) and POST /c/… (a copy). Nothing about the person is stored or logged: no IP address, no user
// agent, no cookie. Repeated presses by one client are counted once (click-guard.ts, which keeps
// only a daily-keyed hash of the address, in memory).
import { Hono, type Context } from 'hono';
import type { Logger } from '../../core/logger.js';
import type { Db } from '../../db/connection.js';
import { recordShareClick, recordShareCopy } from '../../db/shareable-adoption.js';
import { actionPageCsp, actionPageUrl, buildActionPage, type PageFile } from '../../shareables/action-page/build-action-page.js';
import { pageNetworkIds, SHARE_MENU } from '../../shareables/action-page/page-cards.js';
import type { CampaignShareables } from '../../shareables/campaign-shareables.js';
import { isShareNetwork, networkLabel, shareNetworkIds } from '../../shareables/networks.js';
import { html } from '../../shareables/action-page/html.js';
import { InvalidMastodonServerError, normalizeMastodonServer } from '../../shareables/share-intents.js';
import { indexPosts, isKnownMastodonServer, shareRedirectTarget } from '../../shareables/share-redirect.js';
import type { ClickGuard } from './click-guard.js';
import { errorBody } from './error-body.js';
import { localDate } from './time-range.js';

export interface ActionRoutesOptions {
  db: Db;
  /** The campaign's ready-made posts, or null when the content file could not be loaded. */
  shareables: CampaignShareables | null;
  /**
   * PUBLIC_BASE_URL: share buttons and OpenGraph links use it. Null: share buttons link to this
   * server's /s/ by path, which works wherever the page is served from this server.
   */
  publicBaseUrl: string | null;
  /** TZ_REPORTS: clicks are counted per local day here. */
  timeZone: string;
  now: () => number;
  /** Decides which presses count (one per client and shareable per window); shared by every counting route. */
  clickGuard: ClickGuard;
  /** Mastodon servers redirected to without asking (shareables/share-redirect.ts knownMastodonServers). */
  knownMastodonServers: ReadonlySet<string>;
  log: Logger;
}

/**
 * The action page loads its own script, stylesheet and images, and nothing else from anywhere; it
 * sends its counting beacons to this server (or PUBLIC_BASE_URL's).
 */
export function actionPageHeaderCsp(publicBaseUrl: string | null): string {
  return `${actionPageCsp(publicBaseUrl)}; frame-ancestors 'none'`;
}

// shareHref() joins the base URL (trailing slashes removed) and /s/…: a base of "/" gives the
// root-relative "/s/…", which follows the page to whatever address it is served at.
const SAME_SERVER_BASE = '/';

const NO_STORE = { 'Cache-Control': 'no-store' };

/** The page shown instead of a redirect to a Mastodon server nobody vetted: the supporter reads its name and follows a plain link. */
function confirmMastodonPage(server: string, target: string): string {
  return html`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>Continue to ${server}?</title></head>
<body><main>
<h1>Continue to ${server}?</h1>
<p>This link opens the ready-made post on the Mastodon server <strong>${server}</strong>. Continue only if that is your server.</p>
<p><a href="${target}" rel="noopener noreferrer">Yes, post on ${server}</a></p>
<p><a href="/action/">No, go back to the ready-made posts</a></p>
</main></body>
</html>`.markup;
}

const UNAVAILABLE = 'The action page is not available: the shareables content file (SHAREABLES_FILE) could not be loaded; the server log says why.';

/** The generated posts by `<shareable>/<network>` (shareables/share-redirect.ts indexPosts). */
type PostIndex = ReturnType<typeof indexPosts>;

/** Counts one share or copy of a shareable on a network, when the click guard lets it count. */
type CountShareAction = (c: Context, action: 'share' | 'copy', shareableId: string, network: string) => void;

/** /action/… and /s/…, mounted at the server's root. */
export function createActionRoutes(options: ActionRoutesOptions): Hono {
  const routes = new Hono();
  const log = options.log.child({ module: 'share-redirect' });
  const posts = indexPosts(options.shareables?.generated.posts ?? []);
  const count = shareCounter(options, log);
  serveActionPage(routes, options);
  serveBeacons(routes, options, posts, count);
  serveShareRedirect(routes, options, posts, count);
  return routes;
}

/** GET /action/…: the page and its files, built in memory from the content file. */
function serveActionPage(routes: Hono, options: ActionRoutesOptions): void {
  const { shareables } = options;
  const countBase = options.publicBaseUrl ?? SAME_SERVER_BASE;
  const csp = actionPageHeaderCsp(options.publicBaseUrl);
  // Built on first request (it reads the images from disk, which start-up need not wait for), and
  // again on a new local day, so events that are over leave the page.
  let built: { day: string; files: Map<string, PageFile> } | null = null;
  const pageFiles = (): Map<string, PageFile> | null => {
    if (!shareables) return null;
    const day = localDate(options.now(), options.timeZone);
    if (built?.day !== day) {
      // This copy of the page lives at PUBLIC_BASE_URL/action/; without it, at the campaign's address if any.
      const pageUrl = options.publicBaseUrl ? `${options.publicBaseUrl.replace(/\/+$/, '')}/action/` : actionPageUrl(shareables.content, null);
      built = { day, files: buildActionPage({ content: shareables.content, generated: shareables.generated, publicBaseUrl: countBase, pageUrl, today: day }) };
    }
    return built.files;
  };

  const servePageFile = (c: Context, path: string) => {
    const page = pageFiles();
    if (!page) return c.json(errorBody('not_found', UNAVAILABLE), 404);
    const file = page.get(path);
    if (!file) return c.json(errorBody('not_found', `The action page has no file "${path}".`), 404);
    return c.body(typeof file.body === 'string' ? file.body : new Uint8Array(file.body), 200, {
      'Content-Type': file.contentType,
      'Content-Security-Policy': csp,
      // The page changes only when the content file does (and the server restarts): revalidate.
      'Cache-Control': 'no-cache',
    });
  };

  // The page refers to its files relatively (action-page.js, images/…): it must be read at /action/.
  routes.get('/action', (c) => c.redirect('/action/', 301));
  routes.get('/action/', (c) => servePageFile(c, 'index.html'));
  routes.get('/action/*', (c) => servePageFile(c, c.req.path.slice('/action/'.length)));
}

/**
 * The one place a share or a copy is counted: per shareable, network and local day, nothing about
 * the person; once per client, action, shareable and network per window, within the client's limit
 * (click-guard.ts). Counting never fails the visitor: a read-only or busy database loses the count,
 * not the redirect. Every counting route goes through it.
 */
function shareCounter(options: ActionRoutesOptions, log: Logger): CountShareAction {
  return (c, action, shareableId, network) => {
    if (!options.clickGuard.shouldCount(c, `${action}:${shareableId}/${network}`)) return;
    const count = { shareableId, network, day: localDate(options.now(), options.timeZone) };
    try {
      if (action === 'share') recordShareClick(options.db, count);
      else recordShareCopy(options.db, count);
    } catch (error) {
      log.warn({ err: error instanceof Error ? error.message : String(error) }, action === 'share' ? 'a share click could not be counted' : 'a copy could not be counted');
    }
  };
}

/**
 * POST /s/… and /c/…, the page's beacons: a POST with no body (so no CORS preflight, even from a
 * page uploaded to another site), answered 204. Only messages and networks the page offers are counted.
 */
function serveBeacons(routes: Hono, options: ActionRoutesOptions, posts: PostIndex, count: CountShareAction): void {
  const { shareables } = options;
  const shareableIds = new Set(shareables?.generated.shareables.map((shareable) => shareable.id) ?? []);
  const beacon = (action: 'share' | 'copy') => (c: Context) => {
    if (!shareables) return c.json(errorBody('not_found', UNAVAILABLE.replace('The action page is', 'Counting is')), 404, NO_STORE);
    const shareableId = c.req.param('shareable') ?? '';
    const network = c.req.param('network') ?? '';
    const offered = network === SHARE_MENU ? shareableIds.has(shareableId) : posts.has(`${shareableId}/${network}`);
    if (!offered) {
      const what = pageNetworkIds().includes(network) ? `on ${network}` : `for "${network}" (networks: ${pageNetworkIds().join(', ')})`;
      return c.json(errorBody('not_found', `There is no ready-made post "${shareableId}" ${what}.`), 404, NO_STORE);
    }
    count(c, action, shareableId, network);
    // The page may be uploaded to another site: its beacon must not be refused on the way back.
    return c.body(null, 204, { ...NO_STORE, 'Cross-Origin-Resource-Policy': 'cross-origin' });
  };
  routes.post('/s/:shareable/:network', beacon('share'));
  routes.post('/c/:shareable/:network', beacon('copy'));
}

/** GET /s/<shareable>/<network>: counts the click and sends the supporter on to the network's composer. */
function serveShareRedirect(routes: Hono, options: ActionRoutesOptions, posts: PostIndex, count: CountShareAction): void {
  routes.get('/s/:shareable/:network', (c) => {
    const shareableId = c.req.param('shareable');
    const network = c.req.param('network');
    if (!options.shareables) return c.json(errorBody('not_found', UNAVAILABLE.replace('The action page is', 'Share links are')), 404, NO_STORE);
    const server = c.req.query('server');
    if (network === 'mastodon' && !server?.trim()) {
      return c.json(errorBody('invalid_parameter', 'Query parameter "server" is required for Mastodon: the supporter\'s Mastodon server, for example mastodon.social.'), 400, NO_STORE);
    }
    let target: string | null;
    try {
      target = shareRedirectTarget(posts, shareableId, network, server ?? null);
    } catch (error) {
      if (error instanceof InvalidMastodonServerError) return c.json(errorBody('invalid_parameter', `Query parameter "server": ${error.message}.`), 400, NO_STORE);
      throw error;
    }
    if (target === null) {
      const what = isShareNetwork(network) ? `for ${networkLabel(network)}` : `for "${network}" (networks: ${shareNetworkIds().join(', ')})`;
      return c.json(errorBody('not_found', `There is no ready-made post "${shareableId}" ${what}.`), 404, NO_STORE);
    }
    // HEAD is what link checkers send; only a real visit counts as a click.
    if (c.req.method === 'GET') count(c, 'share', shareableId, network);
    c.header('Cache-Control', 'no-store');
    c.header('X-Robots-Tag', 'noindex, nofollow');
    if (network === 'mastodon' && !isKnownMastodonServer(options.knownMastodonServers, server!)) {
      return c.html(confirmMastodonPage(normalizeMastodonServer(server!), target), 200);
    }
    return c.redirect(target, 302);
  });
}
