// Times each dashboard request the way it is first asked after a collection: before every timed
// request a second connection (standing in for `jobquality collect --once` in another process)
// commits a collection page (new posts and refreshed readings), so the answer cache has nothing and
// the in-memory post index must first catch up. Run it on a scratch copy: it adds posts.
import { nextRefreshAt } from '../collector/refresh-schedule.js';
import type { Logger } from '../core/logger.js';
import type { Db } from '../db/connection.js';
import { setPostIndexEnabled } from '../db/post-index.js';
import { addRunCounters, finishRun, startRun } from '../db/runs.js';
import { selectPostsDueForRefresh, storeCollectedPost, storeRefreshedReading, upsertAuthor } from '../db/posts.js';
import { benchApp, type ApiCase } from './measure-api.js';
import { commitComparatorCollection } from './synthetic-comparators.js';
import { MINUTE_MS, type Campaign } from './synthetic-campaign.js';

export interface ColdMeasurement extends ApiCase {
  /** The endpoint, e.g. `summary` or `top-contributors`. */
  endpoint: string;
  /** Each sample is one request, the first after a collection commit: wall-clock ms. */
  samples: number[];
  /** The same requests' CPU time in this process (ms): the work without the wait for a core on a shared machine. */
  cpuSamples: number[];
  /** Wall-clock ms until the body's first bytes: for a streamed download, when the user sees it start. */
  firstByteSamples: number[];
}

export interface MeasureColdOptions {
  /** The connection the server reads. */
  reader: Db;
  /** Another connection to the same file, which commits the collections. */
  writer: Db;
  campaign: Campaign;
  now: number;
  timeZone: string;
  log: Logger;
  cases: readonly ApiCase[];
  /** Timed requests per case, each after its own collection. */
  repetitions: number;
  /** Whether the in-memory post index answers (false: the SQL of the previous implementation). */
  postIndex: boolean;
  /** Whether the post index keeps per-local-day totals (default true; false: whole days read post by post, as before). */
  dayTotals?: boolean;
  /** Serials of the extra posts written, so runs on one copy never store the same post twice. */
  firstSerial: number;
  onCase?: (measurement: ColdMeasurement) => void;
}

/** New posts and refreshed readings per simulated collection: one search page and one refresh page. */
const POSTS_PER_COLLECTION = 100;
const REFRESHES_PER_COLLECTION = 100;

/**
 * Commits one X collection run on `writer` as the collector does: the run started, a search page of
 * new posts and a page of refreshes with the run's counters, the comparator pass's pages, the run
 * finished. So the coverage ledger, as well as the posts, has changed for the next answer. Returns the next serial.
 */
export function commitCollection(writer: Db, campaign: Campaign, serial: number, at: number): number {
  const firstSerial = serial;
  const runId = startRun(writer, 'x', at);
  const due = selectPostsDueForRefresh(writer, 'x', at).slice(0, REFRESHES_PER_COLLECTION);
  writer.transaction(() => {
    addRunCounters(writer, runId, { postsNew: POSTS_PER_COLLECTION, postsUpdated: due.length, requests: 2, postsRead: POSTS_PER_COLLECTION + due.length });
    for (let i = 0; i < POSTS_PER_COLLECTION; i += 1) {
      const post = campaign.extraPost(serial, at - 5 * MINUTE_MS + (serial % 1000));
      serial += 1;
      const authorId = upsertAuthor(writer, post.network, post.normalized.author, at);
      storeCollectedPost(writer, { post: post.normalized, authorId, matchedHashtags: post.matchedHashtags, now: at, nextRefreshAt: nextRefreshAt(post.createdAt, at, campaign.refreshOffsets) });
    }
    for (const [i, target] of due.entries()) {
      storeRefreshedReading(writer, target.postId, { likes: 1_000 + serial + i, reposts: 1, replies: 1, quotes: 0, bookmarks: 0, impressions: 5_000 }, at, null);
    }
  }).immediate();
  commitComparatorCollection(writer, campaign, firstSerial, at, POSTS_PER_COLLECTION);
  finishRun(writer, runId, { status: 'ok', now: at });
  return serial;
}

/** Reads a response's body, noting when its first bytes arrived (ms after `started`). */
async function readTimed(response: Response, started: number): Promise<{ firstByteMs: number; body: Buffer }> {
  const chunks: Uint8Array[] = [];
  let firstByteMs = Number.NaN;
  if (response.body) {
    for await (const chunk of response.body) {
      if (chunks.length === 0) firstByteMs = performance.now() - started;
      chunks.push(chunk as Uint8Array);
    }
  }
  if (Number.isNaN(firstByteMs)) firstByteMs = performance.now() - started;
  return { firstByteMs, body: Buffer.concat(chunks) };
}

/** The endpoint of an API path (`/api/top-posts?…` → `top-posts`). */
export function endpointOf(path: string): string {
  return path.replace(/^\/api\//, '').replace(/\?.*$/, '');
}

/** Times every case cold; an answer other than 200 stops the benchmark. */
export async function measureCold(options: MeasureColdOptions): Promise<ColdMeasurement[]> {
  setPostIndexEnabled(options.reader, options.postIndex);
  const app = benchApp({ db: options.reader, now: options.now, timeZone: options.timeZone, hashtags: options.campaign.hashtags, log: options.log, cacheAnswers: false, dayTotals: options.dayTotals ?? true });
  let serial = options.firstSerial;
  const at = options.campaign.end + 10 * MINUTE_MS;
  const results: ColdMeasurement[] = [];
  try {
    // A running server has answered before (and built its indexes at start): untimed requests of a
    // range no case asks, so the first case does not carry the process's first-time costs
    // (statements compiled, run log read, comparator posts loaded).
    for (const endpoint of ['summary', 'share-of-voice']) await app.fetch(new Request(`http://127.0.0.1/api/${endpoint}?from=2000-01-01&to=2000-01-02`));
    for (const apiCase of options.cases) {
      const samples: number[] = [];
      const cpuSamples: number[] = [];
      const firstByteSamples: number[] = [];
      for (let i = 0; i < options.repetitions; i += 1) {
        serial = commitCollection(options.writer, options.campaign, serial, at);
        const cpu = process.cpuUsage();
        const started = performance.now();
        const response = await app.fetch(new Request(`http://127.0.0.1${apiCase.path}`));
        const { firstByteMs, body } = await readTimed(response, started);
        samples.push(performance.now() - started);
        firstByteSamples.push(firstByteMs);
        const used = process.cpuUsage(cpu);
        cpuSamples.push((used.user + used.system) / 1000);
        if (response.status !== 200) throw new Error(`${apiCase.path} answered ${response.status}: ${body.toString('utf8').slice(0, 300)}`);
      }
      const measurement = { ...apiCase, endpoint: endpointOf(apiCase.path), samples, cpuSamples, firstByteSamples };
      results.push(measurement);
      options.onCase?.(measurement);
    }
  } finally {
    setPostIndexEnabled(options.reader, true);
  }
  return results;
}
