// Who may see staff data: with DASHBOARD_TOKEN set, the dashboard, its API and reports answer only
// a request that carries the token (`Authorization: Bearer …`, for scripts) or a session cookie got
// by typing it into /login (for people). The cookie is the HMAC of its issue time under a key
// derived from the token: nothing is stored, a restart keeps people signed in, and changing the
// token signs everyone out. Tokens and cookies are compared in constant time; failed attempts are
// limited per client. Without a token everything is open, which the server allows only on a
// loopback address (server.ts).
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { Hono, type Context, type MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { csrf } from 'hono/csrf';
import type { Logger } from '../../core/logger.js';
import { html } from '../../shareables/action-page/html.js';
import { clientAddress, createClientHasher } from './client-address.js';
import { errorBody } from './error-body.js';

export const SESSION_COOKIE = 'jobquality_session';
/** A session lasts a week from its last renewal; an open dashboard (refreshing every minute) renews it daily. */
export const SESSION_MS = 7 * 86_400_000;
const RENEW_AFTER_MS = 86_400_000;
/** Failed sign-ins (wrong token or cookie) one client may make per quarter hour before being made to wait. */
export const FAILED_SIGN_INS_ALLOWED = 10;
const FAILURE_WINDOW_MS = 15 * 60_000;

export interface StaffAccessOptions {
  /** DASHBOARD_TOKEN, or null: no credential asked for. */
  token: string | null;
  /** Paths anyone may fetch (the public action page, share redirects, /healthz). */
  isPublicPath: (path: string) => boolean;
  now: () => number;
  trustProxyHops: number;
  log: Logger;
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

/** Whether `given` is the token, in time that does not depend on where they differ (both are hashed to 32 bytes first). */
export function tokenMatches(given: string, token: string): boolean {
  return timingSafeEqual(digest(given), digest(token));
}

function sessionKey(token: string): Buffer {
  return createHmac('sha256', token).update('jobquality dashboard session v1').digest();
}

function sessionValue(key: Buffer, issuedAt: number): string {
  return `${issuedAt}.${createHmac('sha256', key).update(String(issuedAt)).digest('base64url')}`;
}

/** The issue time of a valid, unexpired session cookie value, or null. */
function sessionIssuedAt(key: Buffer, value: string | undefined, now: number): number | null {
  const match = value ? /^(\d{1,16})\.[A-Za-z0-9_-]{43}$/.exec(value) : null;
  if (!match) return null;
  const issuedAt = Number(match[1]);
  const expected = Buffer.from(sessionValue(key, issuedAt));
  const given = Buffer.from(value!);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  if (issuedAt > now + 60_000 || now - issuedAt >= SESSION_MS) return null;
  return issuedAt;
}

/** Only a path on this server is a place to go back to after signing in (never //elsewhere or /\elsewhere). */
export function safeNextPath(next: string | undefined): string {
  return next && /^\/(?![/\\])/.test(next) && !/[\r\n]/.test(next) ? next : '/';
}

const LOGIN_CSS = `body{font:16px/1.5 system-ui,sans-serif;margin:0;display:grid;place-items:center;min-height:100vh;background:#f6f7f9;color:#1b1f24}
main{background:#fff;padding:2rem;border-radius:8px;box-shadow:0 1px 4px #0002;max-width:24rem;width:100%}
h1{font-size:1.25rem;margin:0 0 1rem}label{display:block;font-weight:600;margin-bottom:.25rem}
input{font:inherit;width:100%;box-sizing:border-box;padding:.5rem;border:1px solid #767676;border-radius:4px}
button{font:inherit;margin-top:1rem;padding:.5rem 1rem;border:0;border-radius:4px;background:#1f5fbf;color:#fff;cursor:pointer}
.error{color:#a4161a;font-weight:600}p{margin:.5rem 0}`;

function loginPage(next: string, problem: string | null) {
  return html`<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>Sign in · jobquality dashboard</title><link rel="stylesheet" href="/login.css"></head>
<body><main>
<h1>jobquality dashboard</h1>
${problem ? html`<p class="error" role="alert">${problem}</p>` : html``}
<form method="post" action="/login">
<input type="hidden" name="next" value="${next}">
<label for="token">Dashboard token</label>
<input id="token" name="token" type="password" autocomplete="current-password" required autofocus>
<button type="submit">Sign in</button>
</form>
<p>The token is the server's DASHBOARD_TOKEN; ask whoever runs the tracker.</p>
</main></body>
</html>`.markup;
}

export interface StaffAccess {
  /** Put before every route: lets public paths through, asks for the credential elsewhere. */
  middleware: MiddlewareHandler;
  /** /login (form and sign-in), /logout and /login.css; mount at the root. */
  routes: Hono;
}

/** Counts failed sign-ins per client within a window, so one client cannot guess the token quickly. */
interface FailureLimiter {
  /** Milliseconds the client must wait before trying again, or 0. */
  waitFor(client: string): number;
  failed(client: string): void;
  forget(client: string): void;
}

function failureLimiter(now: () => number): FailureLimiter {
  const failures = new Map<string, { startedAt: number; count: number }>();
  const expired = (entry: { startedAt: number }) => now() - entry.startedAt >= FAILURE_WINDOW_MS;
  return {
    waitFor(client) {
      const entry = failures.get(client);
      if (!entry || expired(entry)) return 0;
      return entry.count >= FAILED_SIGN_INS_ALLOWED ? FAILURE_WINDOW_MS - (now() - entry.startedAt) : 0;
    },
    failed(client) {
      if (failures.size > 10_000) for (const [k, e] of failures) if (expired(e)) failures.delete(k);
      const entry = failures.get(client);
      if (!entry || expired(entry)) failures.set(client, { startedAt: now(), count: 1 });
      else entry.count += 1;
    },
    forget(client) {
      failures.delete(client);
    },
  };
}

/** What the credential check and the sign-in routes share for one server. */
interface AccessParts {
  /** The token and the session key derived from it; both null when no credential is asked for. */
  token: string | null;
  key: Buffer | null;
  now: () => number;
  trustProxyHops: number;
  log: Logger;
  limiter: FailureLimiter;
  /** The client's address, hashed (client-address.ts). */
  clientOf(c: Context): string;
}

function tooMany(c: Context, wait: number) {
  const seconds = Math.ceil(wait / 1000);
  return c.json(errorBody('too_many_attempts', `Too many wrong tokens from this address; try again in ${Math.ceil(seconds / 60)} minutes.`), 429, {
    'Retry-After': String(seconds),
    'Cache-Control': 'no-store',
  });
}

function overHttps(c: Context, trustProxyHops: number): boolean {
  return new URL(c.req.url).protocol === 'https:' || (trustProxyHops > 0 && c.req.header('x-forwarded-proto')?.split(',')[0]?.trim() === 'https');
}

function startSession(c: Context, parts: AccessParts): void {
  setCookie(c, SESSION_COOKIE, sessionValue(parts.key!, parts.now()), {
    httpOnly: true,
    sameSite: 'Strict',
    secure: overHttps(c, parts.trustProxyHops),
    path: '/',
    maxAge: SESSION_MS / 1000,
  });
}

/** The credential check and the sign-in routes for one server. */
export function staffAccess(options: StaffAccessOptions): StaffAccess {
  const hasher = createClientHasher(options.now);
  const parts: AccessParts = {
    token: options.token,
    key: options.token ? sessionKey(options.token) : null,
    now: options.now,
    trustProxyHops: options.trustProxyHops,
    log: options.log.child({ module: 'staff-access' }),
    limiter: failureLimiter(options.now),
    clientOf: (c) => hasher.hash(clientAddress(c, options.trustProxyHops)),
  };
  return { middleware: credentialCheck(parts, options.isPublicPath), routes: signInRoutes(parts) };
}

/** Lets public paths through; elsewhere asks for the bearer token or a valid session cookie. */
function credentialCheck(parts: AccessParts, isPublicPath: (path: string) => boolean): MiddlewareHandler {
  const { token, now, limiter, log } = parts;
  return async (c, next) => {
    if (!token || isPublicPath(c.req.path)) return next();
    const authorization = c.req.header('authorization');
    if (authorization !== undefined) {
      const client = parts.clientOf(c);
      const wait = limiter.waitFor(client);
      if (wait > 0) return tooMany(c, wait);
      const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1];
      if (bearer !== undefined && tokenMatches(bearer, token)) return next();
      limiter.failed(client);
      log.warn('a request with a wrong dashboard token was refused');
      return c.json(errorBody('unauthorized', 'The Authorization header does not carry the dashboard token (send "Authorization: Bearer <DASHBOARD_TOKEN>").'), 401, {
        'WWW-Authenticate': 'Bearer realm="jobquality dashboard", error="invalid_token"',
        'Cache-Control': 'no-store',
      });
    }
    const issuedAt = sessionIssuedAt(parts.key!, getCookie(c, SESSION_COOKIE), now());
    if (issuedAt !== null) {
      if (now() - issuedAt >= RENEW_AFTER_MS) startSession(c, parts);
      return next();
    }
    if (c.req.method === 'GET' && !c.req.path.startsWith('/api/')) {
      const url = new URL(c.req.url);
      return c.redirect(`/login?next=${encodeURIComponent(url.pathname + url.search)}`, 303);
    }
    return c.json(errorBody('unauthorized', 'Sign in first: open /login in a browser, or send "Authorization: Bearer <DASHBOARD_TOKEN>".'), 401, {
      'WWW-Authenticate': 'Bearer realm="jobquality dashboard"',
      'Cache-Control': 'no-store',
    });
  };
}

/** /login (form and sign-in), /logout and /login.css. */
function signInRoutes(parts: AccessParts): Hono {
  const { token, limiter, log } = parts;
  // Behind a TLS proxy the page's origin is https:// while this server sees http://: compare hosts.
  const sameHost = csrf({
    origin: (origin, c) => URL.canParse(origin) && new URL(origin).host === (c.req.header('host') ?? new URL(c.req.url).host),
  });
  const routes = new Hono();
  const noStore = { 'Cache-Control': 'no-store' };
  routes.get('/login.css', (c) => c.body(LOGIN_CSS, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'no-cache' }));
  routes.get('/login', (c) => {
    if (!token) return c.redirect('/', 303);
    return c.html(loginPage(safeNextPath(c.req.query('next')), null), 200, noStore);
  });
  // A form posted from another site is refused (Origin must be this server), and so is a large body.
  routes.post('/login', sameHost, bodyLimit({ maxSize: 4096 }), async (c) => {
    if (!token) return c.redirect('/', 303);
    const client = parts.clientOf(c);
    const wait = limiter.waitFor(client);
    if (wait > 0) return tooMany(c, wait);
    const form = await c.req.parseBody();
    const next = safeNextPath(typeof form.next === 'string' ? form.next : undefined);
    const given = typeof form.token === 'string' ? form.token.trim() : '';
    if (!tokenMatches(given, token)) {
      limiter.failed(client);
      log.warn('a sign-in with a wrong dashboard token was refused');
      return c.html(loginPage(next, 'That is not the dashboard token.'), 401, noStore);
    }
    limiter.forget(client);
    startSession(c, parts);
    return c.redirect(next, 303);
  });
  routes.post('/logout', sameHost, (c) => {
    deleteCookie(c, SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'Strict', secure: overHttps(c, parts.trustProxyHops) });
    return c.redirect(token ? '/login' : '/', 303);
  });
  return routes;
}
