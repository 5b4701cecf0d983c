// Collects tracked-hashtag posts from X recent search and refreshes their counts by id lookup.
// Crash safety: search pages arrive newest first, so a pass's new high-water mark (since_id) is
// only saved once pagination has reached the previous one; until then the checkpoint records the
// unfinished pass, and the next run first fills that older range (until_id = oldest id stored).
import type { NetworkAdapter, RefreshedBatch, RefreshRequest, RunContext } from '../../adapter.js';
import type { HttpLimits } from '../../bounded-request.js';
import type { RetryPolicy } from '../../retry.js';
import { createXClient, type XClient } from './x-client.js';
import { xSearchQuery } from './x-normalize.js';
import { lookupLatest, refreshedBatch } from './x-refresh.js';
import { searchRange, type XCheckpoint, type XRequestDeps } from './x-search.js';

export { X_SEARCH_WINDOW_MS, type XCheckpoint } from './x-search.js';

const MAX_QUERY_LENGTH = 512;
/** X's lookup answers at most 100 ids at once. */
const LOOKUP_BATCH = 100;

export interface XAdapterOptions {
  bearerToken: string;
  baseUrl: string;
  retryPolicy: RetryPolicy;
  /** Injected in tests that need a client double; defaults to the twitter-api-v2 client. */
  client?: XClient;
  /** Deadline per request and body cap; default 30 s and 4 MB. */
  limits?: HttpLimits;
}

function readCheckpoint(stored: unknown): XCheckpoint {
  const state = stored as Partial<XCheckpoint> | undefined;
  return { sinceId: state?.sinceId ?? null, pass: state?.pass ?? null };
}

export function createXAdapter(options: XAdapterOptions): NetworkAdapter {
  const client = options.client ?? createXClient({ bearerToken: options.bearerToken, baseUrl: options.baseUrl, ...(options.limits ? { limits: options.limits } : {}) });
  const deps: XRequestDeps = { client, retryPolicy: options.retryPolicy };

  return {
    network: 'x',
    refreshBatchSize: LOOKUP_BATCH,

    async *collect(ctx) {
      const query = xSearchQuery(ctx.hashtags);
      if (query.length > MAX_QUERY_LENGTH) {
        throw new Error(`${ctx.hashtagsSetting} makes an X search query of ${query.length} characters, over X's ${MAX_QUERY_LENGTH}; list fewer hashtags there.`);
      }
      // The query is the scope: tracking different hashtags starts a fresh history.
      const scope = query;
      let state = readCheckpoint(ctx.checkpoint(scope));
      if (state.pass) {
        const { pass } = state;
        ctx.log.info({ untilId: pass.untilId }, 'resuming the older range an interrupted X run left unfinished');
        const completed = yield* searchRange(deps, ctx, { scope, query, range: { sinceId: pass.sinceId, untilId: pass.untilId } }, pass.newestId);
        if (!completed) return;
        state = { sinceId: pass.newestId, pass: null };
      }
      yield* searchRange(deps, ctx, { scope, query, range: { sinceId: state.sinceId } }, null);
    },

    async *refresh(requests: readonly RefreshRequest[], ctx: RunContext): AsyncGenerator<RefreshedBatch> {
      for (let start = 0; start < requests.length; start += LOOKUP_BATCH) {
        if (ctx.signal.aborted) return;
        const batch = requests.slice(start, start + LOOKUP_BATCH);
        const { answer, tweets } = await lookupLatest(deps, ctx, batch.map((request) => request.refreshRef));
        yield refreshedBatch(batch, answer, tweets);
      }
    },
  };
}
