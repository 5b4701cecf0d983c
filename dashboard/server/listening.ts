// Starts a Hono app listening on a real address and says truthfully where: an address that every
// network interface answers on is shown as such, with the addresses people can actually open.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { createAdaptorServer } from '@hono/node-server';
import type { Hono } from 'hono';
import type { Logger } from '../../core/logger.js';

export interface RunningServer {
  /** The address as bound, e.g. http://127.0.0.1:8080 or http://0.0.0.0:8080 (every interface). */
  url: string;
  /** An address this machine can open: the same as `url`, or loopback when `url` is a wildcard. */
  localUrl: string;
  /** Whether the address answers other machines (not loopback). */
  exposed: boolean;
  close(): Promise<void>;
}

/** The server could not start listening (port in use, address not available, no permission). */
export class DashboardListenError extends Error {
  override name = 'DashboardListenError';
  constructor(
    readonly host: string,
    readonly port: number,
    cause: NodeJS.ErrnoException,
    variables: { host: string; port: string } = { host: 'HOST', port: 'PORT' },
  ) {
    const why =
      cause.code === 'EADDRINUSE'
        ? `port ${port} is already in use on ${host}: stop the other program or set ${variables.port} to a free port`
        : cause.code === 'EACCES'
          ? `no permission to listen on port ${port}: use a port above 1023 (set ${variables.port})`
          : cause.code === 'EADDRNOTAVAIL' || cause.code === 'ENOTFOUND'
            ? `${host} is not an address of this machine: set ${variables.host} (for example 127.0.0.1)`
            : cause.message;
    super(`The dashboard could not start on ${host}:${port}: ${why}.`, { cause });
  }
}

/** Whether `host` (HOST as configured) is a loopback address, which only this machine can reach. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^(::ffff:)?127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(bare);
}

const WILDCARDS = new Set(['0.0.0.0', '::', '[::]']);

function urlHost(address: string): string {
  return address.includes(':') ? `[${address}]` : address;
}

/** This machine's own addresses other machines may use (non-internal), IPv4 first. */
export function externalAddresses(): string[] {
  const found = Object.values(networkInterfaces())
    .flat()
    .filter((entry) => entry && !entry.internal);
  return [...found.filter((entry) => entry!.family === 'IPv4'), ...found.filter((entry) => entry!.family === 'IPv6' && !entry!.address.startsWith('fe80'))].map(
    (entry) => entry!.address,
  );
}

/** Listens on host:port; `label` names the listener in the log ("dashboard", "public pages"). */
export function listenOn(
  app: Hono,
  options: { host: string; port: number; log: Logger; label: string; note?: string; variables?: { host: string; port: string } },
): Promise<RunningServer> {
  const { host, port, log, label } = options;
  return new Promise((resolve, reject) => {
    const server = createAdaptorServer({ fetch: app.fetch }) as Server;
    server.once('error', (error: NodeJS.ErrnoException) => reject(new DashboardListenError(host, port, error, options.variables)));
    server.listen(port, host, () => {
      const address = server.address() as AddressInfo;
      const wildcard = WILDCARDS.has(host) || WILDCARDS.has(address.address);
      const url = `http://${urlHost(address.address)}:${address.port}`;
      const localUrl = wildcard ? `http://${address.family === 'IPv6' ? '[::1]' : '127.0.0.1'}:${address.port}` : url;
      const exposed = !isLoopbackHost(address.address);
      const reach = wildcard
        ? ` (every network interface: ${[localUrl, ...externalAddresses().slice(0, 3).map((ip) => `http://${urlHost(ip)}:${address.port}`)].join(', ')})`
        : exposed
          ? ' (reachable from other machines)'
          : ' (this machine only)';
      log.info({ url, exposed }, `${label} listening on ${url}${reach}${options.note ? `; ${options.note}` : ''}`);
      resolve({
        url,
        localUrl,
        exposed,
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
}
