// One collector per database: a lease row (db/collector-lease.ts) with a heartbeat. A second
// collector is told who holds it and stops, or waits; a crashed holder's lease is taken over.
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as sleepFor } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { Db } from '../db/connection.js';
import { claimCollectorLease, getCollectorLease, releaseCollectorLease, renewCollectorLease, type CollectorLease } from '../db/collector-lease.js';
import { CollectionAbortedError } from './errors.js';

/** A holder that has not renewed for this long is presumed dead (three missed heartbeats). */
export const LEASE_TTL_MS = 60_000;
export const HEARTBEAT_MS = 20_000;
const WAIT_POLL_MS = 2_000;

/** Another live process holds the lease. */
export class CollectorBusyError extends Error {
  override name = 'CollectorBusyError';
  constructor(
    readonly holder: CollectorLease,
    now: number,
  ) {
    super(
      `another collector is already running on this database: pid ${holder.holderPid} on ${holder.holderHost} ` +
        `("jobquality ${holder.command}", since ${new Date(holder.acquiredAt).toISOString()}, last heartbeat ${Math.max(0, Math.round((now - holder.heartbeatAt) / 1000))} s ago). ` +
        'Stop that process first, or add --wait to start as soon as it ends.',
    );
  }
}

export interface HeldCollectorLock {
  /** Aborts if the lease is lost (another process took it over after missed heartbeats): stop collecting. */
  readonly lost: AbortSignal;
  release(): void;
}

export interface AcquireOptions {
  db: Db;
  /** The command holding it, e.g. "collect --once", shown to a second collector. */
  command: string;
  log: Logger;
  /** Wait for the holder to finish instead of failing with CollectorBusyError. */
  wait?: boolean;
  /** Ends a wait (shutdown) with CollectionAbortedError. */
  signal?: AbortSignal;
  now?: () => number;
  ttlMs?: number;
  heartbeatMs?: number;
  /** Whether a process with this pid exists on this host; default asks the OS. */
  isAlive?: (pid: number) => boolean;
}

function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Takes the collector lease, or throws CollectorBusyError (or waits, with `wait`). A lease whose
 * holder ran on this host under a pid that no longer exists is taken over at once; one from any
 * host is taken over once it expired (LEASE_TTL_MS without a heartbeat).
 */
export async function acquireCollectorLock(options: AcquireOptions): Promise<HeldCollectorLock> {
  const { db, log } = options;
  const now = options.now ?? Date.now;
  const ttlMs = options.ttlMs ?? LEASE_TTL_MS;
  const isAlive = options.isAlive ?? processExists;
  const claim = { token: randomUUID(), pid: process.pid, host: hostname(), command: options.command };
  let announcedWait = false;
  for (;;) {
    if (options.signal?.aborted) throw new CollectionAbortedError();
    const current = getCollectorLease(db);
    const deadHolder = current && current.holderHost === claim.host && current.holderPid !== claim.pid && !isAlive(current.holderPid) ? current.holderToken : null;
    const outcome = claimCollectorLease(db, { ...claim, now: now(), ttlMs }, deadHolder);
    if (outcome.acquired) {
      if (outcome.tookOver) {
        log.warn(
          { pid: outcome.tookOver.holderPid, host: outcome.tookOver.holderHost },
          `took over the collector lease of pid ${outcome.tookOver.holderPid} on ${outcome.tookOver.holderHost}, which stopped without releasing it`,
        );
      }
      return startHeartbeat(db, claim.token, { ...options, now, ttlMs });
    }
    if (!options.wait) throw new CollectorBusyError(outcome.holder, now());
    if (!announcedWait) {
      log.info(`${new CollectorBusyError(outcome.holder, now()).message.split('. Stop')[0]}; waiting for it to finish (--wait)`);
      announcedWait = true;
    }
    try {
      await sleepFor(WAIT_POLL_MS, undefined, options.signal ? { signal: options.signal } : {});
    } catch {
      throw new CollectionAbortedError();
    }
  }
}

function startHeartbeat(db: Db, token: string, options: AcquireOptions & { now: () => number; ttlMs: number }): HeldCollectorLock {
  const lost = new AbortController();
  const timer = setInterval(() => {
    let held = false;
    try {
      held = renewCollectorLease(db, token, options.now(), options.ttlMs);
    } catch (error) {
      // A busy database: the lease has a minute of slack, the next beat tries again.
      options.log.warn({ err: error instanceof Error ? error.message : String(error) }, 'could not renew the collector lease; retrying at the next heartbeat');
      return;
    }
    if (!held) {
      clearInterval(timer);
      options.log.error('the collector lease was taken over by another process (this one missed its heartbeats); stopping collection');
      lost.abort(new CollectionAbortedError());
    }
  }, options.heartbeatMs ?? HEARTBEAT_MS);
  // The heartbeat alone must not keep a finished process alive.
  timer.unref();
  return {
    lost: lost.signal,
    release() {
      clearInterval(timer);
      try {
        releaseCollectorLease(db, token);
      } catch (error) {
        options.log.warn({ err: error instanceof Error ? error.message : String(error) }, 'could not release the collector lease; it expires by itself within a minute');
      }
    },
  };
}
