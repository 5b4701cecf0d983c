// `jobquality collect --once` and `jobquality status` when X answers that the plan's usage cap is spent.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { main } from '../../cli/main.js';
import { FakeXServer } from '../../fakes/x/fake-x-server.js';
import { captureProcessOutput } from '../helpers/capture-output.js';

const TOKEN = 'usage-cap-cli-secret-9931';
let x: FakeXServer;
let dir: string;
let stdout: string[];
let stderr: string[];

async function jobquality(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  stdout.length = 0;
  stderr.length = 0;
  const code = await main(args);
  return { code, out: stdout.join(''), err: stderr.join('') };
}

beforeEach(async () => {
  x = await FakeXServer.start({ bearerToken: TOKEN });
  x.addUser({ id: '100', username: 'fairwork_org', name: 'Fair Work Org', followers: 1200 });
  dir = mkdtempSync(join(tmpdir(), 'jq-cap-'));
  vi.stubEnv('JOBQUALITY_DB', join(dir, 'jq.db'));
  vi.stubEnv('X_BEARER_TOKEN', TOKEN);
  vi.stubEnv('X_API_BASE_URL', x.baseUrl);
  vi.stubEnv('MASTODON_INSTANCES', '');
  vi.stubEnv('BLUESKY_HANDLE', '');
  ({ out: stdout, err: stderr } = captureProcessOutput());
});

afterEach(async () => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  process.exitCode = undefined;
  await x.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the X usage cap on the command line', () => {
  test('collect says the plan’s usage cap was reached and status shows it until a run gets through', async () => {
    x.addPost({ authorId: '100', text: 'One #jobquality', createdAt: new Date(Date.now() - 60_000) });
    x.injectFault({ kind: 'usage-cap', period: 'Daily' }, { endpoint: 'search' });
    const collected = await jobquality('collect', '--once');
    expect(collected.code).toBe(1);
    expect(collected.out).toContain("x plan's daily usage cap was reached");
    const status = await jobquality('status');
    expect(status.out).toContain("usage cap: the plan's daily usage cap was reached");
    const json = JSON.parse((await jobquality('status', '--json')).out);
    expect(json.networks.find((entry: { network: string }) => entry.network === 'x').usageCap).toEqual({ at: expect.any(Number), period: 'Daily' });
    expect(collected.out + collected.err + status.out + status.err).not.toContain(TOKEN);

    await jobquality('collect', '--once');
    expect((await jobquality('status')).out).not.toContain('usage cap:');
  });
});
