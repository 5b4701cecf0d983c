// A small planted campaign with a hand-computed share of voice and amplifier ranking, for the API
// and report tests: X collected every hour from 22 Nov 2026 (UTC) until 25 Nov 12:00, the comparator
// #fairpay first collected six hours after that; Ana posts on X and Mastodon (one person in the
// account map), Bo once with both hashtags, Rival only with #fairpay.
import { parseAccountMap } from '../../core/amplifier-accounts.js';
import type { NormalizedPost } from '../../core/types.js';
import { noteComparatorCollected, storeComparatorPost } from '../../db/comparator-posts.js';
import { openDatabase, type Db } from '../../db/connection.js';
import { finishRun, startRun } from '../../db/runs.js';
import { afterAll, beforeAll } from 'vitest';
import { makePost, reading } from './posts.js';
import { storePost } from './store-post.js';
import { testDashboard } from './test-dashboard.js';

const HOUR = 3_600_000;
export const VOICE_D1 = Date.parse('2026-11-23T00:00:00Z');
const D2 = VOICE_D1 + 24 * HOUR;
export const VOICE_NOW = D2 + 36 * HOUR;

/** Ana's X and Mastodon accounts are one person. */
export const VOICE_ACCOUNT_MAP = parseAccountMap('people:\n  - name: Ana Ruiz\n    x: ana\n    mastodon: ana@social.example\n', 'people.yaml');

const author = (username: string, followers: number, network = 'x') => ({ networkId: `${network}-${username}`, username, displayName: username === 'ana' ? '=HYPERLINK("x")' : username, followers, verified: null });

export function plantVoiceCampaign(): Db {
  const db = openDatabase(':memory:');
  const campaign = (id: string, at: number, who: NormalizedPost['author'], likes: number, hashtags = ['jobquality'], network = 'x') => {
    const post = makePost(id, { network, createdAt: at, author: who, hashtags, metrics: reading({ likes }) });
    storePost(db, post, { now: at + HOUR });
  };
  const comparator = (id: string, at: number, who: NormalizedPost['author'], likes: number) =>
    storeComparatorPost(db, { post: makePost(id, { createdAt: at, author: who, hashtags: ['fairpay'], metrics: reading({ likes }) }), tags: ['fairpay'], now: at + HOUR, nextRefreshAt: null });
  for (let at = VOICE_D1 - 24 * HOUR; at <= VOICE_NOW; at += HOUR) finishRun(db, startRun(db, 'x', at), { status: 'ok', now: at + 60_000 });
  noteComparatorCollected(db, 'x', 'fairpay', VOICE_D1 - 18 * HOUR);
  const ana = author('ana', 1000);
  campaign('c1', VOICE_D1 + 2 * HOUR, ana, 10);
  campaign('c2', VOICE_D1 + 5 * HOUR, ana, 5);
  campaign('c3', D2 + 3 * HOUR, author('bo', 400), 4, ['jobquality', 'fairpay']);
  campaign('c4', D2 + 4 * HOUR, author('ana@social.example', 300, 'mastodon'), 2, ['jobquality'], 'mastodon');
  comparator('f1', VOICE_D1 + 1 * HOUR, author('rival', 9000), 20);
  comparator('f2', VOICE_D1 + 9 * HOUR, author('rival', 9000), 10);
  comparator('f3', D2 + 9 * HOUR, ana, 4);
  return db;
}

/**
 * The planted voice campaign served with `fairpay` as its comparator and the account map, opened
 * before and closed after the file's tests; `request(path)` asks the dashboard's app.
 */
export function voiceDashboardPerFile(): { db: () => Db; request: (path: string) => Promise<Response> } {
  let db: Db | undefined;
  let app: { request: (path: string) => Response | Promise<Response> } | undefined;
  beforeAll(() => {
    db = plantVoiceCampaign();
    app = testDashboard({ db, hashtags: ['jobquality'], timeZone: 'UTC', now: () => VOICE_NOW, intelligence: { compareHashtags: ['fairpay'], accountMap: VOICE_ACCOUNT_MAP } }).app;
  });
  afterAll(() => db?.close());
  return { db: () => db!, request: async (path) => app!.request(path) };
}
