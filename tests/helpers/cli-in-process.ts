// Runs `jobquality` in-process (cli/main.ts) with what it prints captured, and sets up what the
// command-line tests share: a temporary folder for the database, environment stubs, and clean-up.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vi } from 'vitest';
import { main } from '../../cli/main.js';
import { FakeXServer } from '../../fakes/x/fake-x-server.js';
import { captureProcessOutput } from './capture-output.js';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Captures process output from now on (until `vi.restoreAllMocks()`) and returns a runner of `jobquality` commands. */
export function inProcessCli(): (...args: string[]) => Promise<CliRun> {
  const { out, err } = captureProcessOutput();
  return async (...args) => {
    out.length = 0;
    err.length = 0;
    const code = await main(args);
    return { code, out: out.join(''), err: err.join('') };
  };
}

/** A temporary folder whose jq.db JOBQUALITY_DB names, with each of `env` stubbed. */
export function stubCliEnvironment(dirPrefix: string, env: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), dirPrefix));
  vi.stubEnv('JOBQUALITY_DB', join(dir, 'jq.db'));
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  return dir;
}

/** Undoes a command-line test: output capture and env stubs, the exit code it left, its folder. */
export function cleanUpCliTest(dir: string): void {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  process.exitCode = undefined;
  rmSync(dir, { recursive: true, force: true });
}

/**
 * A fake X API with Fair Work Org (id 100) as its user, and the environment that makes `jobquality`
 * collect from it alone (no Mastodon, no Bluesky) into a fresh database.
 */
export async function startFakeXForCli(options: { token: string; dirPrefix: string; env?: Record<string, string> }): Promise<{ x: FakeXServer; dir: string }> {
  const x = await FakeXServer.start({ bearerToken: options.token });
  x.addUser({ id: '100', username: 'fairwork_org', name: 'Fair Work Org', followers: 1200 });
  const dir = stubCliEnvironment(options.dirPrefix, {
    X_BEARER_TOKEN: options.token,
    X_API_BASE_URL: x.baseUrl,
    MASTODON_INSTANCES: '',
    BLUESKY_HANDLE: '',
    ...options.env,
  });
  return { x, dir };
}
