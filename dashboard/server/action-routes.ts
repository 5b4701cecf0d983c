// The public side of the shareables: the action page at /action/ (built in memory from the content
// file, its share buttons pointing at this server) and the share redirect /s/<shareable>/<network>,
// which counts one click for the shareable, network and local day and sends the supporter on to
// the network's composer. Nothing about the person is stored or logged: no IP address, no user
// agent, no cookie. Repeated presses by one client are counted once (click-guard.ts, which keeps
// only a daily-keyed hash of the address, in memory).
import { Hono, type Context } from 'hono';
import type { Logger } from '../../core/logger.js';
import type { Db } from '../../db/connection.js';
import { recordShareClick } from '../../db/shareable-adoption.js';
import { buildActionPage, type PageFile } from '../../shareables/action-page/build-action-page.js';
import type { CampaignShareables } from '../../shareables/campaign-shareables.js';
import { isShareNetwork, networkLabel, shareNetworkIds } from '../../shareables/networks.js';
import { html } from '../../shareables/action-page/html.js';
import { InvalidMastodonServerError, normalizeMastodonServer } from '../../shareables/share-intents.js';
import { indexPosts, isKnownMastodonServer, shareRedirectTarget } from '../../shareables/share-redirect.js';
import type { ClickGuard } from './click-guard.js';
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

/** The action page loads its own script, stylesheet and images, and nothing else from anywhere. */
export const ACTION_PAGE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

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

function errorBody(code: string, message: string) {
  return { error: { code, message } };
}

/** /action/… and /s/…, mounted at the server's root. */
export function createActionRoutes(options: ActionRoutesOptions): Hono {
  const routes = new Hono();
  const { shareables } = options;
  const log = options.log.child({ module: 'share-redirect' });
  const unavailable = 'The action page is not available: the shareables content file (SHAREABLES_FILE) could not be loaded; the server log says why.';

  // Built on first request: it reads the images from disk, which start-up need not wait for.
  let files: Map<string, PageFile> | null = null;
  const pageFiles = (): Map<string, PageFile> | null => {
    if (!shareables) return null;
    files ??= buildActionPage({ content: shareables.content, generated: shareables.generated, publicBaseUrl: options.publicBaseUrl ?? SAME_SERVER_BASE });
    return files;
  };

  const servePageFile = (c: Context, path: string) => {
    const page = pageFiles();
    if (!page) return c.json(errorBody('not_found', unavailable), 404);
    const file = page.get(path);
    if (!file) return c.json(errorBody('not_found', `The action page has no file "${path}".`), 404);
    return c.body(typeof file.body === 'string' ? file.body : new Uint8Array(file.body), 200, {
      'Content-Type': file.contentType,
      'Content-Security-Policy': ACTION_PAGE_CSP,
      // The page changes only when the content file does (and the server restarts): revalidate.
      'Cache-Control': 'no-cache',
    });
  };

  // The page refers to its files relatively (action-page.js, images/…): it must be read at /action/.
  routes.get('/action', (c) => c.redirect('/action/', 301));
  routes.get('/action/', (c) => servePageFile(c, 'index.html'));
  routes.get('/action/*', (c) => servePageFile(c, c.req.path.slice('/action/'.length)));

  /**
   * The one place a press is counted: once per client, shareable and network per window, within the
   * client's limit (click-guard.ts). Counting never fails the visitor: a read-only or busy database
   * loses the count, not the redirect.
   */
  const countPress = (c: Context, shareableId: string, network: string): void => {
    if (!options.clickGuard.shouldCount(c, `share:${shareableId}/${network}`)) return;
    try {
      recordShareClick(options.db, { shareableId, network, day: localDate(options.now(), options.timeZone) });
    } catch (error) {
      log.warn({ err: error instanceof Error ? error.message : String(error) }, 'a share click could not be counted');
    }
  };

  const index = indexPosts(shareables?.generated.posts ?? []);

  routes.get('/s/:shareable/:network', (c) => {
    const shareableId = c.req.param('shareable');
    const network = c.req.param('network');
    if (!shareables) return c.json(errorBody('not_found', unavailable.replace('The action page is', 'Share links are')), 404, NO_STORE);
    const server = c.req.query('server');
    if (network === 'mastodon' && !server?.trim()) {
      return c.json(errorBody('invalid_parameter', 'Query parameter "server" is required for Mastodon: the supporter\'s Mastodon server, for example mastodon.social.'), 400, NO_STORE);
    }
    let target: string | null;
    try {
      target = shareRedirectTarget(index, shareableId, network, server ?? null);
    } catch (error) {
      if (error instanceof InvalidMastodonServerError) return c.json(errorBody('invalid_parameter', `Query parameter "server": ${error.message}.`), 400, NO_STORE);
      throw error;
    }
    if (target === null) {
      const what = isShareNetwork(network) ? `for ${networkLabel(network)}` : `for "${network}" (networks: ${shareNetworkIds().join(', ')})`;
      return c.json(errorBody('not_found', `There is no ready-made post "${shareableId}" ${what}.`), 404, NO_STORE);
    }
    // HEAD is what link checkers send; only a real visit counts as a click.
    if (c.req.method === 'GET') countPress(c, shareableId, network);
    c.header('Cache-Control', 'no-store');
    c.header('X-Robots-Tag', 'noindex, nofollow');
    if (network === 'mastodon' && !isKnownMastodonServer(options.knownMastodonServers, server!)) {
      return c.html(confirmMastodonPage(normalizeMastodonServer(server!), target), 200);
    }
    return c.redirect(target, 302);
  });

  return routes;
}
