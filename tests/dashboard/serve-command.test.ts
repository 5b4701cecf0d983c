// `jobquality serve`: starts the dashboard on HOST:PORT from the environment, prints where to open
// it, never hands a token to the browser, and stops cleanly on Ctrl+C.
import { join } from 'node:path';
import { Command } from 'commander';
import { beforeEach, describe, expect, test, vi } from 'vitest';
import { registerServe } from '../../cli/commands/serve.js';
import { captureProcessOutput } from '../helpers/capture-output.js';
import { commandEnvironmentPerTest } from '../helpers/command-environment.js';

const TOKEN = 'serve-test-bearer-token-secret';
let stdout: string[];

commandEnvironmentPerTest('jq-serve-', (folder) => ({
  JOBQUALITY_DB: join(folder, 'jq.db'),
  REPORTS_DIR: join(folder, 'reports'),
  X_BEARER_TOKEN: TOKEN,
  MASTODON_INSTANCES: '',
  HOST: '127.0.0.1',
  PORT: '0',
  LOG_LEVEL: 'silent',
}));

beforeEach(() => {
  stdout = captureProcessOutput().out;
});

async function waitFor<T>(probe: () => T | undefined): Promise<T> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const value = probe();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('timed out waiting for the server to start');
}

/** Runs `jobquality serve` in-process; `stop()` presses Ctrl+C and waits for the command to finish. */
function runServe(): { done: Promise<unknown>; stop(): Promise<void> } {
  const program = new Command('jobquality').exitOverride();
  registerServe(program);
  const listenersBefore = new Set(process.listeners('SIGINT'));
  const done = program.parseAsync(['serve'], { from: 'user' });
  const stop = async () => {
    const ctrlC = process.listeners('SIGINT').find((listener) => !listenersBefore.has(listener))!;
    (ctrlC as (signal: NodeJS.Signals) => void)('SIGINT');
    await done;
  };
  return { done, stop };
}

describe('serve command', () => {
  test('serves the API on the configured address until Ctrl+C, without exposing the token', async () => {
    const serve = runServe();
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

    await serve.stop();
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });

  test('refuses to serve on every interface without DASHBOARD_TOKEN, saying what to set', async () => {
    vi.stubEnv('HOST', '0.0.0.0');
    await expect(runServe().done).rejects.toThrow(/will not listen on 0\.0\.0\.0 without a credential.*DASHBOARD_TOKEN/s);
  });

  test('with PUBLIC_PORT it prints both real addresses and the public one has no staff route', async () => {
    vi.stubEnv('HOST', '0.0.0.0');
    vi.stubEnv('DASHBOARD_TOKEN', 'serve-test-dashboard-token-123');
    vi.stubEnv('PUBLIC_HOST', '127.0.0.1');
    vi.stubEnv('PUBLIC_PORT', '0');
    const serve = runServe();
    const printed = await waitFor(() => (/Public action page/.test(stdout.join('')) ? stdout.join('') : undefined));
    const dashboard = /Dashboard: http:\/\/0\.0\.0\.0:(\d+)\/ \(every network interface; on this machine (http:\/\/127\.0\.0\.1:\d+)\/\)/.exec(printed);
    expect(dashboard, printed).not.toBeNull();
    expect(printed).toContain('reachable from other machines; staff sign in with DASHBOARD_TOKEN');
    expect(printed).not.toContain('localhost');
    const publicUrl = /Public action page: (http:\/\/127\.0\.0\.1:\d+)\/action\//.exec(printed)![1]!;

    expect((await fetch(`${dashboard![2]}/api/status`)).status).toBe(401);
    expect((await fetch(`${dashboard![2]}/api/status`, { headers: { Authorization: 'Bearer serve-test-dashboard-token-123' } })).status).toBe(200);
    expect((await fetch(`${publicUrl}/api/status`)).status).toBe(404);
    expect((await fetch(`${publicUrl}/action/`)).status).toBe(200);

    await serve.stop();
    await expect(fetch(`${publicUrl}/action/`)).rejects.toThrow();
  });
});
