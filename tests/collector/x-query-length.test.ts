// X's search query has a length limit (512 characters on the self-serve tiers): hashtags that make a
// longer query are refused before asking, in words that name the setting to change, TRACK_HASHTAGS
// for the campaign's hashtags and COMPARE_HASHTAGS for the comparators'.
import { describe, expect, test } from 'vitest';
import { collectOnce } from '../../collector/collect-once.js';
import { xSearchQuery } from '../../collector/networks/x/x-normalize.js';
import { captureLogger } from '../helpers/capture-logger.js';
import { FAIR_WORK_ORG, fakeXCollectionPerTest } from '../helpers/fake-x-collection.js';

const TOKEN = 'x-query-length-bearer-5120';
/** Thirty hashtags of 20 letters: an X query of over 700 characters. */
const MANY_TAGS = Array.from({ length: 30 }, (_, i) => `fairworkcampaign${String(i).padStart(4, '0')}`);
const current = fakeXCollectionPerTest({ token: TOKEN, users: [FAIR_WORK_ORG], folderPrefix: 'jq-x-query-length-' });

async function collectX(env: Record<string, string>) {
  const { x, db, config } = current();
  x.addPost({ authorId: FAIR_WORK_ORG.id, text: 'Decent work now #jobquality', createdAt: new Date(Date.now() - 60_000) });
  const [run] = await collectOnce(config(env), db, captureLogger().log, { refresh: 'none', retryPolicy: { baseDelayMs: 5, maxDelayMs: 20 } });
  return run!;
}

describe('x query length', () => {
  test('the fake, like X, refuses a search query that long', async () => {
    const { x } = current();
    const query = xSearchQuery(MANY_TAGS);
    expect(query.length).toBeGreaterThan(512);
    const answer = await fetch(`${x.baseUrl}/2/tweets/search/recent?query=${encodeURIComponent(query)}`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(answer.status).toBe(400);
  });

  test('comparator hashtags too many for one X query are named as COMPARE_HASHTAGS, and the campaign pass still stored its posts', async () => {
    const run = await collectX({ TRACK_HASHTAGS: 'jobquality', COMPARE_HASHTAGS: MANY_TAGS.join(',') });
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/^COMPARE_HASHTAGS makes an X search query of \d+ characters, over X's 512/);
    expect(run.postsNew).toBe(1);
    // Refused before asking: X was never sent the long query.
    expect(current().x.requests.some((request) => (request.query.get('query') ?? '').length > 512)).toBe(false);
  });

  test('campaign hashtags too many for one X query are named as TRACK_HASHTAGS', async () => {
    const run = await collectX({ TRACK_HASHTAGS: MANY_TAGS.join(',') });
    expect(run.status).toBe('failed');
    expect(run.error).toMatch(/^TRACK_HASHTAGS makes an X search query of \d+ characters, over X's 512/);
  });
});
