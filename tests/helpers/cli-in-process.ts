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

export interface FakeXCli {
  x: FakeXServer;
  /** The temporary folder holding jq.db. */
  dir: string;
  /** Runs one `jobquality` command in-process, its output captured. */
  jobquality(...args: string[]): Promise<CliRun>;
  /** Closes the fake and undoes the test's stubs (see cleanUpCliTest). */
  stop(): Promise<void>;
}

/**
 * A fake X API with Fair Work Org (id 100) as its user, and the environment that makes `jobquality`
 * collect from it alone (no Mastodon, no Bluesky) into a fresh database; output is captured from now on.
 */
export async function startFakeXForCli(options: { token: string; dirPrefix: string; env?: Record<string, string> }): Promise<FakeXCli> {
  const x = await FakeXServer.start({ bearerToken: options.token });
  x.addUser({ id: '100', username: 'fairwork_org', name: 'Fair Work Org', followers: 1200 });
  const dir = stubCliEnvironment(options.dirPrefix, {
    X_BEARER_TOKEN: options.token,
    X_API_BASE_URL: x.baseUrl,
    MASTODON_INSTANCES: '',
    BLUESKY_HANDLE: '',
    ...options.env,
  });
  const stop = async () => {
    await x.close();
    cleanUpCliTest(dir);
  };
  return { x, dir, jobquality: inProcessCli(), stop };
}
