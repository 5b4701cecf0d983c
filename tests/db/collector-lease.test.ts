// The collector lease: one holder at a time, named to whoever else asks; a holder that stopped
// renewing, or died on this host, is taken over; a holder that lost its lease is told so.
import { hostname } from 'node:os';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { acquireCollectorLock, CollectorBusyError } from '../../collector/collector-lock.js';
import { claimCollectorLease, getCollectorLease } from '../../db/collector-lease.js';
import { openDatabase, type Db } from '../../db/connection.js';
import { captureLogger } from '../helpers/capture-logger.js';

let db: Db;
let clock: number;
const now = () => clock;
const OTHER = { token: 'other-process', pid: 4242, host: 'other-host.example', command: 'collect', ttlMs: 60_000 };

beforeEach(() => {
  db = openDatabase(':memory:');
  clock = Date.parse('2026-12-02T10:00:00Z');
});
afterEach(() => db.close());

/** Waits for the heartbeat timer to have acted (the test's timeout bounds it). */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('collector lease', () => {
  test('a second collector is refused with the holder\'s pid, host, command and heartbeat age', async () => {
    claimCollectorLease(db, { ...OTHER, now: clock - 5_000 });
    const attempt = acquireCollectorLock({ db, command: 'collect --once', log: captureLogger().log, now });
    await expect(attempt).rejects.toBeInstanceOf(CollectorBusyError);
    await expect(attempt).rejects.toThrow('pid 4242 on other-host.example ("jobquality collect", since 2026-12-02T09:59:55.000Z, last heartbeat 5 s ago)');
    expect(getCollectorLease(db)?.holderToken).toBe('other-process');
  });

  test('a lease from another host is taken over once it has gone a minute without a heartbeat', async () => {
    claimCollectorLease(db, { ...OTHER, now: clock - 61_000 });
    const { log, text } = captureLogger();
    const lock = await acquireCollectorLock({ db, command: 'collect', log, now });
    expect(getCollectorLease(db)).toMatchObject({ holderPid: process.pid, holderHost: hostname(), command: 'collect' });
    expect(text()).toContain('took over the collector lease of pid 4242 on other-host.example');
    lock.release();
    expect(getCollectorLease(db)).toBeUndefined();
  });

  test('a fresh lease held on this host by a pid that no longer exists is taken over at once', async () => {
    claimCollectorLease(db, { ...OTHER, host: hostname(), now: clock - 1_000 });
    const lock = await acquireCollectorLock({ db, command: 'collect', log: captureLogger().log, now, isAlive: (pid) => pid !== 4242 });
    expect(getCollectorLease(db)?.holderPid).toBe(process.pid);
    lock.release();
  });

  test('a live holder on this host is respected however recent', async () => {
    claimCollectorLease(db, { ...OTHER, host: hostname(), now: clock - 1_000 });
    await expect(acquireCollectorLock({ db, command: 'collect', log: captureLogger().log, now, isAlive: () => true })).rejects.toBeInstanceOf(CollectorBusyError);
  });

  test('heartbeats keep the lease; a holder whose lease was taken over is told to stop', async () => {
    const { log, text } = captureLogger();
    const lock = await acquireCollectorLock({ db, command: 'collect', log, now, heartbeatMs: 10 });
    clock += 30_000;
    await until(() => getCollectorLease(db)?.expiresAt === clock + 60_000);
    expect(lock.lost.aborted).toBe(false);
    // Another process found it expired (say this one was suspended) and took it.
    claimCollectorLease(db, { ...OTHER, now: clock }, getCollectorLease(db)!.holderToken);
    await until(() => lock.lost.aborted);
    expect(text()).toContain('the collector lease was taken over by another process');
    lock.release();
    expect(getCollectorLease(db)?.holderToken).toBe('other-process');
  });

  test('with wait, the collector starts as soon as the holder releases', async () => {
    const first = await acquireCollectorLock({ db, command: 'collect', log: captureLogger().log, isAlive: () => true });
    const second = acquireCollectorLock({ db, command: 'collect --once', log: captureLogger().log, wait: true, isAlive: () => true });
    let acquired = false;
    void second.then(() => (acquired = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(acquired).toBe(false);
    first.release();
    const lock = await second;
    expect(getCollectorLease(db)?.command).toBe('collect --once');
    lock.release();
  });
});
