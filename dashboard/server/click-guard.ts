// Decides whether a press of a public counting link (a share redirect, a "copy" button) is counted:
// the same client pressing the same thing again within the window is one press, and one client
// counts at most `perClientLimit` presses per window. The supporter is never refused or slowed:
// an uncounted press is redirected like any other. Clients are known only by a keyed hash of their
// network that changes every day (client-address.ts); it lives in memory, never in the database or
// the log, and everything is forgotten when the key changes.
import type { Context } from 'hono';
import { clientAddress, createClientHasher } from './client-address.js';

export type ClickDecision = 'counted' | 'repeat' | 'over-limit' | 'busy';

export interface ClickGuardOptions {
  now: () => number;
  /** TRUST_PROXY: reverse proxies in front of this server (see clientAddress). */
  trustProxyHops: number;
  /** How long a press of the same thing by the same client stays one press; default 1 hour. */
  windowMs?: number;
  /** Most presses counted per client per window, whatever they press; default 30. */
  perClientLimit?: number;
  /** Most clients and presses remembered at once; beyond it nothing new is counted (a flood from many addresses). Default 100,000. */
  maxRemembered?: number;
}

export interface ClickGuard {
  /** Whether this press of `subject` (e.g. "share:<shareable>/<network>") by this client counts, and why not. */
  decide(c: Context, subject: string): ClickDecision;
  /** decide(…) === 'counted'. */
  shouldCount(c: Context, subject: string): boolean;
}

interface ClientWindow {
  startedAt: number;
  counted: number;
}

export const CLICK_WINDOW_MS = 3_600_000;
export const CLICKS_PER_CLIENT = 30;

/** One guard per server, shared by every counting route, so the per-client limit covers them all. */
export function createClickGuard(options: ClickGuardOptions): ClickGuard {
  const windowMs = options.windowMs ?? CLICK_WINDOW_MS;
  const perClientLimit = options.perClientLimit ?? CLICKS_PER_CLIENT;
  const maxRemembered = options.maxRemembered ?? 100_000;
  const hasher = createClientHasher(options.now);
  let day = hasher.day();
  // client hash + subject → when it was first pressed in this window.
  const presses = new Map<string, number>();
  const clients = new Map<string, ClientWindow>();

  const forgetExpired = (now: number) => {
    for (const [key, at] of presses) if (now - at >= windowMs) presses.delete(key);
    for (const [key, window] of clients) if (now - window.startedAt >= windowMs) clients.delete(key);
  };

  const decide = (c: Context, subject: string): ClickDecision => {
    const now = options.now();
    if (hasher.day() !== day) {
      day = hasher.day();
      presses.clear();
      clients.clear();
    }
    const client = hasher.hash(clientAddress(c, options.trustProxyHops));
    const pressKey = `${client} ${subject}`;
    const pressedAt = presses.get(pressKey);
    if (pressedAt !== undefined && now - pressedAt < windowMs) return 'repeat';
    let window = clients.get(client);
    if (window && now - window.startedAt >= windowMs) window = undefined;
    if (window && window.counted >= perClientLimit) return 'over-limit';
    if (presses.size + clients.size >= maxRemembered) {
      forgetExpired(now);
      if (presses.size + clients.size >= maxRemembered) return 'busy';
    }
    presses.set(pressKey, now);
    if (!window) {
      window = { startedAt: now, counted: 0 };
      clients.set(client, window);
    }
    window.counted += 1;
    return 'counted';
  };

  return { decide, shouldCount: (c, subject) => decide(c, subject) === 'counted' };
}
