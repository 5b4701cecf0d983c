// Adoption in the weekly report and on the command line: the report's "Shareable adoption"
// section comes from the same stored attributions as the dashboard, `report weekly` attributes
// posts not yet examined before writing, and `collect --once` says how many new posts used one.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { main } from '../../cli/main.js';
import { openDatabase, type Db } from '../../db/connection.js';
import { storeCollectedPost, upsertAuthor } from '../../db/posts.js';
import { generateWeeklyReport } from '../../reports/generate-weekly-report.js';
import { renderMarkdown } from '../../reports/render-markdown.js';
import { createShareableAdoptionSource } from '../../shareables/adoption-report-source.js';
import { createPostAttributionStep } from '../../shareables/attribute-collected-posts.js';
import { loadCampaignShareables } from '../../shareables/campaign-shareables.js';
import { textWithoutLink } from '../../shareables/share-intents.js';
import { FakeXServer } from '../../fakes/x/fake-x-server.js';
import { captureLogger } from '../helpers/capture-logger.js';
import { makePost } from '../helpers/posts.js';

const NY = 'America/New_York';
const SAMPLE = new URL('../../shareables/sample-content.yaml', import.meta.url).pathname;
const shareables = loadCampaignShareables(SAMPLE, ['jobquality']);
const generated = (shareableId: string, network: string) => shareables.generated.posts.find((post) => post.shareableId === shareableId && post.network === network)!;
/** A Wednesday in ISO week 2026-W10, long complete. */
const IN_WEEK = DateTime.fromISO('2026-03-04T12:00:00', { zone: NY }).toMillis();

let dir: string;
let stdout: string[];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'jq-adoption-report-'));
  stdout = [];
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout.push(String(chunk));
    return true;
  });
  vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  process.exitCode = undefined;
  rmSync(dir, { recursive: true, force: true });
});

/** Stores the week's posts: two used the bakery shareable (one edited), one the care co-op's, one none. */
function seedWeek(db: Db): void {
  const bakery = generated('northgate-bakery.spotlight', 'x');
  const care = generated('riverside-care.voice', 'mastodon');
  const posts = [
    makePost('1', { text: bakery.text, links: [bakery.link], createdAt: IN_WEEK }),
    makePost('2', { text: `Worth a read. ${textWithoutLink(bakery)}`, createdAt: IN_WEEK + 3_600_000 }),
    makePost('3', { network: 'mastodon', text: care.text, links: [care.link], createdAt: IN_WEEK + 7_200_000 }),
    makePost('4', { text: 'Good jobs matter everywhere, tell your employer #jobquality', createdAt: IN_WEEK + 9_000_000 }),
    // The week after: not in the report.
    makePost('5', { text: bakery.text, links: [bakery.link], createdAt: IN_WEEK + 7 * 86_400_000 }),
  ];
  for (const post of posts) {
    const authorId = upsertAuthor(db, post.network, post.author, IN_WEEK);
    storeCollectedPost(db, { post, authorId, matchedHashtags: ['jobquality'], now: IN_WEEK, nextRefreshAt: null });
  }
}

describe('shareable adoption in the weekly report', () => {
  test('the report lists the week\'s posts that used each shareable, by title', async () => {
    const db = openDatabase(':memory:');
    seedWeek(db);
    await createPostAttributionStep({ db, loadShareables: () => shareables, log: captureLogger().log }).run();
    const report = await generateWeeklyReport({
      db,
      week: '2026-W10',
      timeZone: NY,
      hashtags: ['jobquality'],
      now: Date.parse('2026-11-01T00:00:00Z'),
      shareableAdoption: createShareableAdoptionSource({ db, loadShareables: () => shareables }),
    });
    expect(report.shareables).toEqual({
      status: 'tracked',
      posts: 3,
      share: 3 / 4,
      items: [
        { id: 'northgate-bakery.spotlight', title: 'Northgate Bakery (spotlight)', posts: 2 },
        { id: 'riverside-care.voice', title: 'Riverside Home Care Cooperative (voice)', posts: 1 },
      ],
    });
    expect(renderMarkdown(report)).toContain('- Northgate Bakery (spotlight): 2 posts');
    db.close();
  });

  test('`report weekly` attributes posts not examined yet before writing the report', async () => {
    const file = join(dir, 'jq.db');
    const db = openDatabase(file);
    seedWeek(db);
    db.close();
    vi.stubEnv('JOBQUALITY_DB', file);
    vi.stubEnv('TZ_REPORTS', NY);
    vi.stubEnv('SHAREABLES_FILE', SAMPLE);
    vi.stubEnv('LOG_LEVEL', 'silent');
    const code = await main(['report', 'weekly', '--week', '2026-W10', '--format', 'json', '--out', join(dir, 'out')]);
    expect(code).toBe(0);
    const json = JSON.parse(readFileSync(join(dir, 'out', '2026-W10.json'), 'utf8'));
    expect(json.shareables).toMatchObject({ status: 'tracked', posts: 3 });
    expect(json.shareables.items[0]).toEqual({ id: 'northgate-bakery.spotlight', title: 'Northgate Bakery (spotlight)', posts: 2 });
  });
});

describe('collect --once', () => {
  test('prints how many of the new posts used a ready-made post', async () => {
    const x = await FakeXServer.start({ bearerToken: 'cli-adoption-token' });
    try {
      x.addUser({ id: '100', username: 'fairwork_org', name: 'Fair Work Org', followers: 1200 });
      const bakery = generated('northgate-bakery.spotlight', 'x');
      x.addPost({ authorId: '100', text: bakery.text, urls: [{ expanded: bakery.link }], createdAt: new Date(Date.now() - 120_000) });
      x.addPost({ authorId: '100', text: 'Fix work, not workers #jobquality', createdAt: new Date(Date.now() - 60_000) });
      vi.stubEnv('JOBQUALITY_DB', join(dir, 'jq.db'));
      vi.stubEnv('X_BEARER_TOKEN', 'cli-adoption-token');
      vi.stubEnv('X_API_BASE_URL', x.baseUrl);
      vi.stubEnv('MASTODON_INSTANCES', '');
      vi.stubEnv('BLUESKY_HANDLE', '');
      vi.stubEnv('SHAREABLES_FILE', SAMPLE);
      vi.stubEnv('LOG_LEVEL', 'silent');
      expect(await main(['collect', '--once'])).toBe(0);
      expect(stdout.join('')).toContain('shareables: 1 of 2 new posts used a ready-made post');
      stdout.length = 0;
      expect(await main(['collect', '--once'])).toBe(0);
      expect(stdout.join('')).toContain('shareables: no new posts to attribute');
    } finally {
      await x.close();
    }
  });
});
