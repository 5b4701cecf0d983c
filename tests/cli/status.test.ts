// `jobquality status` on seeded databases: written for people (local times, one line per network
// and problem, no raw checkpoint JSON), with backfilled and never-collectable stretches told apart
// from failures, and `--json` for machines.
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { saveCheckpoint } from '../../db/checkpoints.js';
import { cleanUpCliTest, inProcessCli, stubCliEnvironment } from '../helpers/cli-in-process.js';
import { seedDatabase, type SeedOptions } from '../helpers/seed-database.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const ZONE = 'Europe/Berlin';
let dir: string;

beforeEach(() => {
  dir = stubCliEnvironment('jq-status-', {
    TZ_REPORTS: ZONE,
    X_BEARER_TOKEN: 'status-test-token',
    MASTODON_INSTANCES: 'mastodon.social',
    BLUESKY_HANDLE: 'campaign.bsky.social',
    BLUESKY_APP_PASSWORD: 'abcd-efgh-ijkl-mnop',
    LOG_LEVEL: 'silent',
  });
});

afterEach(() => cleanUpCliTest(dir));

function seed(options: SeedOptions = {}): number {
  const now = Date.now();
  const seeded = seedDatabase({ file: join(dir, 'jq.db'), now, ...options });
  saveCheckpoint(seeded.db, 'x', 'search', { sinceId: '1850000000000000123' }, now);
  seeded.db.close();
  return now;
}

async function status(...args: string[]): Promise<{ code: number; out: string }> {
  const { code, out } = await inProcessCli()('status', ...args);
  vi.restoreAllMocks();
  return { code, out };
}

/** The lines about one network: its own line and the problem lines under it. */
function block(out: string, label: string): string[] {
  const lines = out.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`${label} `));
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((line) => !line.startsWith(' '));
  return [lines[start]!, ...rest.slice(0, end === -1 ? rest.length : end)];
}

describe('status', () => {
  test('prints one line per network in local time, without raw checkpoint JSON', async () => {
    const now = seed();
    const { code, out } = await status();
    expect(code).toBe(0);
    expect(out).toContain(`Times are local to ${ZONE} (TZ_REPORTS).`);
    expect(out).not.toContain('{');
    expect(out).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d/);
    const x = block(out, 'X');
    expect(x).toHaveLength(1);
    expect(x[0]).toMatch(/^X\s+collecting; last collected \w{3} \d{1,2} \w{3} \d\d:\d\d \(\d+ (min|h) ago\); [\d,]+ posts \(\d+ removed\) by \d+ accounts/);
    // The local time is Berlin's, not UTC's.
    const lastTick = DateTime.fromMillis(Math.floor(now / (6 * HOUR)) * 6 * HOUR + 60_000, { zone: ZONE }).toFormat('HH:mm');
    expect(x[0]).toContain(lastTick);
  });

  test('a day without runs that a later run backfilled, and a failed run refilled after it, are not problems', async () => {
    seed();
    const { out } = await status();
    // The seed leaves Bluesky a day without runs and fails one Mastodon run; both were refilled.
    expect(block(out, 'Bluesky')).toHaveLength(1);
    expect(block(out, 'Mastodon')).toHaveLength(1);
    expect(out).not.toContain('problem');
  });

  test('an X outage longer than its 7-day search shows as a gap that could not be collected, not as a failure', async () => {
    const now = Date.now();
    seed({ days: 30, outages: [{ network: 'x', from: now - 20 * DAY, to: now - 10 * DAY, runs: 'none' }] });
    const { out } = await status();
    const x = block(out, 'X');
    expect(x[0]).toMatch(/^X\s+collecting;/);
    expect(x).toHaveLength(2);
    expect(x[1]).toMatch(/^\s+- gap: .+ – .+: 3(\.\d)? days of posts could not be collected: they were beyond what X lets a later run reach back/);
    expect(out).not.toContain('problem');
  });

  test('a network failing right now is FAILING with one line saying since when and why', async () => {
    const now = Date.now();
    seed({ outages: [{ network: 'mastodon', from: now - 30 * HOUR, to: now + HOUR, runs: 'failed' }] });
    const { out } = await status();
    const mastodon = block(out, 'Mastodon');
    expect(mastodon[0]).toMatch(/^Mastodon\s+FAILING; last collected/);
    expect(mastodon).toHaveLength(2);
    expect(mastodon[1]).toMatch(/^\s+- problem: \w{3} \d{1,2} \w{3} \d\d:\d\d – now: runs failed for \d+ h: mastodon kept failing after 4 attempts/);
  });

  test('a network without credentials says so and is not counted as failing', async () => {
    vi.stubEnv('BLUESKY_HANDLE', '');
    seed();
    const { out } = await status();
    expect(block(out, 'Bluesky')[0]).toMatch(/^Bluesky\s+not configured;/);
  });

  test('--json gives machines UTC times, every network, problems and checkpoints', async () => {
    const now = Date.now();
    seed({ outages: [{ network: 'mastodon', from: now - 30 * HOUR, to: now + HOUR, runs: 'failed' }] });
    const { code, out } = await status('--json');
    expect(code).toBe(0);
    const view = JSON.parse(out);
    expect(view.timeZone).toBe(ZONE);
    expect(view.networks.map((entry: { network: string }) => entry.network)).toEqual(['x', 'bluesky', 'mastodon']);
    const x = view.networks[0];
    expect(x).toMatchObject({ state: 'ok', configured: true, checkpoints: [{ scope: 'search', state: { sinceId: '1850000000000000123' } }] });
    expect(x.lastSuccessAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect(view.networks[2].state).toBe('failing');
    expect(view.networks[2].problems).toEqual([expect.objectContaining({ kind: 'failing', to: expect.stringMatching(/Z$/) })]);
  });
});
