// `jobquality serve`: starts the dashboard on HOST:PORT from the environment, prints where to open
// it, never hands a token to the browser, and stops cleanly on Ctrl+C.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { registerServe } from '../../cli/commands/serve.js';
import { captureProcessOutput } from '../helpers/capture-output.js';

const TOKEN = 'serve-test-bearer-token-secret';
let dir: string;
let stdout: string[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'jq-serve-'));
  vi.stubEnv('JOBQUALITY_DB', join(dir, 'jq.db'));
  vi.stubEnv('REPORTS_DIR', join(dir, 'reports'));
  vi.stubEnv('X_BEARER_TOKEN', TOKEN);
  vi.stubEnv('MASTODON_INSTANCES', '');
  vi.stubEnv('HOST', '127.0.0.1');
  vi.stubEnv('PORT', '0');
  vi.stubEnv('LOG_LEVEL', 'silent');
  stdout = captureProcessOutput().out;
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

async function waitFor<T>(probe: () => T | undefined): Promise<T> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('timed out waiting for the server to start');
}

describe('serve command', () => {
  test('serves the API on the configured address until Ctrl+C, without exposing the token', async () => {
    const program = new Command('jobquality').exitOverride();
    registerServe(program);
    const listenersBefore = new Set(process.listeners('SIGINT'));
    const done = program.parseAsync(['serve'], { from: 'user' });
    const url = await waitFor(() => /Dashboard: (http:\/\/127\.0\.0\.1:\d+)\//.exec(stdout.join(''))?.[1]);

    const status = await fetch(`${url}/api/status`);
    const text = await status.text();
    expect(status.status).toBe(200);
    expect(text).not.toContain(TOKEN);
    const body = JSON.parse(text) as { demo: boolean; networks: Array<{ network: string; enabled: boolean }> };
    expect(body.demo).toBe(false);
    expect(body.networks.map((entry) => [entry.network, entry.enabled])).toEqual([
      ['x', true],
      ['bluesky', false],
      ['mastodon', false],
    ]);

    const stop = process.listeners('SIGINT').find((listener) => !listenersBefore.has(listener))!;
    (stop as (signal: NodeJS.Signals) => void)('SIGINT');
    await done;
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });
});
