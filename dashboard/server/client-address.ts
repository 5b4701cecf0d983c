// Who is asking, as far as limits need to know: the client's address (from the socket, or from
// X-Forwarded-For behind a trusted reverse proxy) and a keyed hash of it that is useless outside
// this process. The hash key is random, held in memory only and replaced every UTC day, so nothing
// derived from an address outlives the day or can be matched against a list of addresses.
import { createHmac, randomBytes } from 'node:crypto';
import { isIPv6 } from 'node:net';
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';

const DAY_MS = 86_400_000;

/**
 * The client's address. With `trustProxyHops` = n > 0 (TRUST_PROXY), the last n hops are reverse
 * proxies we run, each appending the address it saw to X-Forwarded-For, so the client is the n-th
 * entry from the right; entries further left were written by the client and are never believed.
 */
export function clientAddress(c: Context, trustProxyHops: number): string {
  let socketAddress = 'unknown';
  try {
    socketAddress = getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    // Not served from a Node socket (app.request in tests, the refresh after a collection).
  }
  if (trustProxyHops <= 0) return socketAddress;
  const forwarded = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  const chain = [...forwarded, socketAddress];
  return chain[Math.max(0, chain.length - 1 - trustProxyHops)]!;
}

/**
 * The network a limit should treat as one client: an IPv4 address, or the /64 an IPv6 address
 * belongs to (one home or phone is given a whole /64, and can pick any address in it).
 */
export function clientNetwork(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1]!;
  if (!isIPv6(address)) return address;
  const [head = '', tail = ''] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = address.includes('::') && tail ? tail.split(':') : [];
  const groups = address.includes('::') ? [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right] : left;
  return `${groups.slice(0, 4).map((group) => group.replace(/^0+(?=.)/, '')).join(':')}::/64`;
}

export interface ClientHasher {
  /** A short keyed hash of the client's network; the same within one UTC day only. */
  hash(address: string): string;
  /** The UTC day the current key belongs to: when it changes, earlier hashes mean nothing. */
  day(): number;
}

/** Keyed hashing of client addresses with a random key replaced every UTC day and never stored. */
export function createClientHasher(now: () => number): ClientHasher {
  let keyDay = -1;
  let key = Buffer.alloc(0);
  const day = () => {
    const today = Math.floor(now() / DAY_MS);
    if (today !== keyDay) {
      keyDay = today;
      key = randomBytes(32);
    }
    return keyDay;
  };
  return {
    day,
    hash(address) {
      day();
      return createHmac('sha256', key).update(clientNetwork(address)).digest('base64url').slice(0, 22);
    },
  };
}
