// Answers only requests addressed to this server by a name it is configured to have. A web page
// can point its own domain name at 127.0.0.1 (DNS rebinding) and then read everything a loopback
// server answers, as the same origin; the Host header still carries the page's name, so refusing
// names we were not told about defeats it. Like Vite's dev server, loopback names and IP literals
// are always accepted: a rebinding needs a domain name, and a browser sends an IP literal only to
// that very address.
import { isIP } from 'node:net';
import type { MiddlewareHandler } from 'hono';

/** The host name of a Host header value ("Example.org:8080" → "example.org", "[::1]:80" → "::1"), or null when it is not one. */
export function hostNameOf(header: string): string | null {
  const value = header.trim().toLowerCase();
  const bracketed = /^\[([0-9a-f:.]+)\](?::\d{1,5})?$/.exec(value);
  if (bracketed) return isIP(bracketed[1]!) === 6 ? bracketed[1]! : null;
  const plain = /^([a-z0-9.-]+)(?::\d{1,5})?$/.exec(value);
  return plain ? plain[1]!.replace(/\.$/, '') : null;
}

/** Whether a request for `hostName` is answered, given the configured names (lower case, no port). */
export function isAllowedHost(hostName: string, allowed: readonly string[]): boolean {
  if (isIP(hostName)) return true;
  if (hostName === 'localhost' || hostName.endsWith('.localhost')) return true;
  return allowed.includes(hostName);
}

/**
 * Refuses (421 Misdirected Request) a request whose Host is not an allowed name, before any other
 * route or credential check runs.
 */
export function hostCheck(allowed: readonly string[]): MiddlewareHandler {
  const names = allowed.map((name) => name.toLowerCase());
  return async (c, next) => {
    // Browsers always send Host; a request built in-process (app.request) has only its URL.
    const header = c.req.header('host') ?? new URL(c.req.url).host;
    const name = hostNameOf(header);
    if (name !== null && isAllowedHost(name, names)) return next();
    const shown = JSON.stringify(header.length > 80 ? `${header.slice(0, 80)}…` : header);
    return c.json(
      {
        error: {
          code: 'host_not_allowed',
          message: `This server does not answer for the host name ${shown}. If that is its real address, add the name to ALLOWED_HOSTS (README "Configuration").`,
        },
      },
      421,
      { 'Cache-Control': 'no-store' },
    );
  };
}
