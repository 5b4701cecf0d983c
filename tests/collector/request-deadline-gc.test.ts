// The request deadline still fires after garbage collections (issue 13: on Node 20 a timeout signal
// combined with AbortSignal.any could be collected, and a stalled server then hung a run for ever).
// Runs the compiled client code in a child process with --expose-gc, collecting every 20 ms.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, beforeAll, beforeEach, describe, expect, test } from 'vitest';
import { injectWireFault } from '../../fakes/fault-queue.js';
import { FakeMastodonServer } from '../../fakes/mastodon/fake-mastodon-server.js';
import { BUILD_TIMEOUT_MS, buildCli } from '../helpers/cli-process.js';

const run = promisify(execFile);
let out: string;
let server: FakeMastodonServer;

beforeAll(() => {
  out = buildCli();
}, BUILD_TIMEOUT_MS);

beforeEach(async () => {
  server = await FakeMastodonServer.start();
});

afterEach(async () => {
  await server.close();
});

const PROBE = `
const { fetchWithinLimits } = await import(process.env.MODULE);
if (typeof globalThis.gc !== 'function') throw new Error('run with --expose-gc');
const collecting = setInterval(() => globalThis.gc(), 20);
const run = new AbortController();
try {
  await fetchWithinLimits(fetch, new URL(process.env.TARGET), {}, { signal: run.signal, limits: { requestTimeoutMs: 800, maxResponseBytes: 1048576 }, what: 'probe' });
  console.log('answered');
} catch (error) {
  console.log(error.name + ': ' + error.message);
} finally {
  clearInterval(collecting);
}
`;

describe('request deadline after garbage collection', () => {
  test.each(['headers', 'body'] as const)('a server that stalls before its %s is given up at the deadline although the process keeps collecting garbage', async (phase) => {
    const stall = injectWireFault(server.baseUrl, { kind: 'stall', phase });
    const target = `${server.baseUrl}/api/v1/timelines/tag/jobquality`;
    // The child is killed after 20 s: a deadline that never fires fails this test instead of hanging it.
    const { stdout } = await run(process.execPath, ['--expose-gc', '--input-type=module', '-e', PROBE], {
      env: { PATH: process.env.PATH ?? '', MODULE: pathToFileURL(join(out, 'collector', 'bounded-request.js')).href, TARGET: target },
      timeout: 20_000,
    });
    expect(stdout.trim()).toBe('RequestTimeoutError: probe: no complete answer within 0.8 s (the request was abandoned; HTTP_REQUEST_TIMEOUT_SECONDS sets the limit)');
    expect((await stall.firstOutcome()).clientHungUp).toBe(true);
  });
});
