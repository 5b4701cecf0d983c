// The collector lease row (migration 008): who is collecting, and whether that claim is still alive.
import type { Db } from './connection.js';
import { statement } from './statements.js';

export interface CollectorLease {
  holderToken: string;
  holderPid: number;
  holderHost: string;
  command: string;
  acquiredAt: number;
  heartbeatAt: number;
  expiresAt: number;
}

export interface LeaseClaim {
  token: string;
  pid: number;
  host: string;
  command: string;
  now: number;
  ttlMs: number;
}

export type ClaimOutcome = { acquired: true; tookOver: CollectorLease | null } | { acquired: false; holder: CollectorLease };

const LEASE_COLUMNS = `holder_token AS holderToken, holder_pid AS holderPid, holder_host AS holderHost, command,
  acquired_at AS acquiredAt, heartbeat_at AS heartbeatAt, expires_at AS expiresAt`;

export function getCollectorLease(db: Db): CollectorLease | undefined {
  return statement<[], CollectorLease>(db, `SELECT ${LEASE_COLUMNS} FROM collector_lease WHERE id = 1`).get();
}

/**
 * Takes the lease when it is free, expired, or held by `takeOverToken` (a holder the caller found
 * dead); otherwise reports the holder. Read and write happen in one IMMEDIATE transaction, so of two
 * collectors claiming at once exactly one wins.
 */
export function claimCollectorLease(db: Db, claim: LeaseClaim, takeOverToken: string | null = null): ClaimOutcome {
  const attempt = db.transaction((): ClaimOutcome => {
    const holder = getCollectorLease(db);
    if (holder && holder.holderToken !== claim.token && holder.holderToken !== takeOverToken && holder.expiresAt > claim.now) {
      return { acquired: false, holder };
    }
    statement(
      db,
      `INSERT INTO collector_lease (id, holder_token, holder_pid, holder_host, command, acquired_at, heartbeat_at, expires_at)
       VALUES (1, @token, @pid, @host, @command, @now, @now, @expiresAt)
       ON CONFLICT (id) DO UPDATE SET holder_token = excluded.holder_token, holder_pid = excluded.holder_pid,
         holder_host = excluded.holder_host, command = excluded.command, acquired_at = excluded.acquired_at,
         heartbeat_at = excluded.heartbeat_at, expires_at = excluded.expires_at`,
    ).run({ token: claim.token, pid: claim.pid, host: claim.host, command: claim.command, now: claim.now, expiresAt: claim.now + claim.ttlMs });
    return { acquired: true, tookOver: holder && holder.holderToken !== claim.token ? holder : null };
  });
  return attempt.immediate();
}

/** Extends the holder's lease; false when `token` no longer holds it (it was taken over). */
export function renewCollectorLease(db: Db, token: string, now: number, ttlMs: number): boolean {
  return (
    statement(db, 'UPDATE collector_lease SET heartbeat_at = @now, expires_at = @expiresAt WHERE id = 1 AND holder_token = @token').run({
      token,
      now,
      expiresAt: now + ttlMs,
    }).changes === 1
  );
}

/** Gives the lease up, if `token` still holds it. */
export function releaseCollectorLease(db: Db, token: string): void {
  statement(db, 'DELETE FROM collector_lease WHERE id = 1 AND holder_token = ?').run(token);
}
