// The long-running tracker (`npm start`) wires adoption tracking together: its first collection is
// attributed, the dashboard answers /api/shareables with it, and it serves the action page whose
// share buttons count clicks on this server.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { runTracker, type RunningTracker } from '../../cli/run-tracker.js';
import { createRuntime, type Runtime } from '../../cli/runtime.js';
import { loadCampaignShareables } from '../../shareables/campaign-shareables.js';
import { FakeXServer } from '../../fakes/x/fake-x-server.js';

const TOKEN = 'tracker-adoption-token';
const SAMPLE = new URL('../../shareables/sample-content.yaml', import.meta.url).pathname;
const shareables = loadCampaignShareables(SAMPLE, ['jobquality']);

let x: FakeXServer;
let dir: string;
let runtime: Runtime;
let tracker: RunningTracker | undefined;

beforeEach(async () => {
  x = await FakeXServer.start({ bearerToken: TOKEN });
  x.addUser({ id: '100', username: 'fairwork_org', name: 'Fair Work Org', followers: 1200 });
  dir = mkdtempSync(join(tmpdir(), 'jq-tracker-adoption-'));
  runtime = createRuntime({
    JOBQUALITY_DB: join(dir, 'jq.db'),
    REPORTS_DIR: join(dir, 'reports'),
    X_BEARER_TOKEN: TOKEN,
    X_API_BASE_URL: x.baseUrl,
    MASTODON_INSTANCES: '',
    SHAREABLES_FILE: SAMPLE,
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'silent',
  });
});

afterEach(async () => {
  await tracker?.stop();
  tracker = undefined;
  runtime.close();
  await x.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('tracker with adoption tracking', () => {
  test('attributes what its collection stores and serves the action page with counting share links', async () => {
    const post = shareables.generated.posts.find((item) => item.shareableId === 'schedule-checklist.try-it' && item.network === 'x')!;
    x.addPost({ authorId: '100', text: post.text, urls: [{ expanded: post.link }], createdAt: new Date(Date.now() - 60_000) });
    tracker = await runTracker(runtime);

    // The first collection runs at start; its post shows up attributed.
    await expect
      .poll(async () => ((await (await fetch(`${tracker!.url}/api/shareables`)).json()) as { totals: { posts: number } }).totals.posts, { timeout: 10_000 })
      .toBe(1);

    const page = await (await fetch(`${tracker.url}/action/`)).text();
    expect(page).toContain(`href="/s/${post.shareableId}/x"`);
    const redirect = await fetch(`${tracker.url}/s/${post.shareableId}/x`, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    const body = (await (await fetch(`${tracker.url}/api/shareables`)).json()) as { shareables: Array<{ id: string; clicks: number; posts: number; edited: { median: number } }> };
    expect(body.shareables.find((entry) => entry.id === post.shareableId)).toMatchObject({ clicks: 1, posts: 1, edited: { median: 0 } });
  });
});
