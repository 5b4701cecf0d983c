// `jobquality collect --once` and `jobquality status` when X answers that the plan's usage cap is spent.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import type { FakeXServer } from '../../fakes/x/fake-x-server.js';
import { startFakeXForCli, type FakeXCli } from '../helpers/cli-in-process.js';

const TOKEN = 'usage-cap-cli-secret-9931';
let cli: FakeXCli;
let x: FakeXServer;
const jobquality = (...args: string[]) => cli.jobquality(...args);

beforeEach(async () => {
  cli = await startFakeXForCli({ token: TOKEN, dirPrefix: 'jq-cap-' });
  ({ x } = cli);
});

afterEach(() => cli.stop());

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
