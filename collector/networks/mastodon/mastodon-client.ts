// A small typed client, on plain fetch, for the three Mastodon endpoints the collector reads:
// retries, per-server rate-limit pauses, auth only where needed, and validated bodies.
import type { z } from 'zod';
import type { RunContext } from '../../adapter.js';
import type { HttpLimits } from '../../bounded-request.js';
import { AuthError, CollectionAbortedError, UpstreamHttpError } from '../../errors.js';
import { retryContextFor, withRetries, type RetryPolicy } from '../../retry.js';
import { linkParam, parseLinkHeader } from './link-header.js';
import { mastodonStatusListSchema, mastodonStatusSchema, type MastodonStatus } from './mastodon-schema.js';
import { MastodonHttpError, respectRateLimit, sendRequest, type MastodonRequest, type ServerState } from './mastodon-request.js';

export { MastodonHttpError } from './mastodon-request.js';

export const CREDENTIAL = 'MASTODON_TOKENS';
/** Mastodon's answer (HTTP 422) where a server's timelines are closed to anonymous readers. */
export const AUTH_REQUIRED_ERROR = 'This method requires an authenticated user';
/** Mastodon answers at most 40 statuses per timeline page. */
export const MAX_PAGE_SIZE = 40;
/** Mastodon refuses batch look-ups of more than 20 ids (DEFAULT_STATUSES_LIMIT). */
export const MAX_BATCH_IDS = 20;

export interface MastodonClientOptions {
  /** The token of one server, or null: a token is only ever sent to the server it belongs to. */
  tokenFor(server: string): string | null;
  retryPolicy: RetryPolicy;
  fetch: typeof fetch;
  /** Deadline per request (headers and body) and the body's size cap. */
  limits: HttpLimits;
}

export interface TimelinePage {
  /** Newest first, as Mastodon answers. */
  statuses: MastodonStatus[];
  /** max_id of the Link header's `next` (older) page. */
  nextMaxId: string | null;
  /** min_id of the Link header's `prev` (newer) page. */
  prevMinId: string | null;
}

export interface MastodonClient {
  /** One page of a hashtag timeline; null when the server does not know the hashtag (404). */
  tagTimeline(ctx: RunContext, server: string, tag: string, page: { maxId?: string; minId?: string; limit: number }): Promise<TimelinePage | null>;
  /** One status; null when the server says it is gone or not visible (404/410). */
  status(ctx: RunContext, server: string, id: string): Promise<MastodonStatus | null>;
  /** Several statuses (those it cannot show are left out); null when the server has no batch look-up. */
  statuses(ctx: RunContext, server: string, ids: readonly string[]): Promise<MastodonStatus[] | null>;
}

/**
 * A 404/410 that Mastodon itself sent (its JSON error body): the record is gone. A bare 404 from
 * something else (a proxy, a site that is not Mastodon) must never be read as "deleted".
 */
function isMastodonNotFound(error: unknown, statuses: readonly number[]): boolean {
  return error instanceof MastodonHttpError && statuses.includes(error.status) && error.mastodonError !== null;
}

/** True for Mastodon's 422 "This method requires an authenticated user" (timelines closed to anonymous readers). */
export function isAuthRequired(error: unknown): boolean {
  return error instanceof MastodonHttpError && error.status === 422 && error.mastodonError === AUTH_REQUIRED_ERROR;
}

/** Describes a refused request in words that say which server, why, and what to change. */
export function describeAuthFailure(server: string, status: number, sentToken: boolean): string {
  const host = new URL(server).host;
  const setting = `${CREDENTIAL}=${host}=<token>`;
  if (status === 403) {
    return `mastodon server ${server} denied access (HTTP 403): check that its token in ${CREDENTIAL} has the read:statuses scope, or remove the server from MASTODON_INSTANCES.`;
  }
  if (sentToken) {
    return `mastodon server ${server} refused its token (HTTP ${status}): the token is wrong, expired or revoked, or was issued by another server (a Mastodon token only works on the server that issued it). Set ${setting} with a valid token from an account on ${server}, or remove the server from MASTODON_INSTANCES.`;
  }
  const said = status === 422 ? `HTTP 422 "${AUTH_REQUIRED_ERROR}"` : `HTTP ${status}`;
  return `mastodon server ${server} requires an access token (${said}): set ${setting} (MASTODON_TOKEN also works for the first server in MASTODON_INSTANCES) with a token with the read:statuses scope from an account on ${server}, or remove the server from MASTODON_INSTANCES.`;
}

/**
 * GETs `request` with retries, anonymously until the server refuses anonymous reads; then once more
 * with the server's own token, if it has one. A refusal after that says what to change.
 */
async function getFromServer<S extends z.ZodType>(
  options: MastodonClientOptions,
  ctx: RunContext,
  request: MastodonRequest<S>,
  state: ServerState,
): Promise<{ body: z.infer<S>; headers: Headers }> {
  for (;;) {
    await respectRateLimit(ctx, request.server, state, options.retryPolicy);
    const useToken = state.useToken;
    const token = options.tokenFor(request.server);
    try {
      return await withRetries(retryContextFor('mastodon', ctx, options.retryPolicy), `${request.endpoint} on ${request.server}`, CREDENTIAL, () =>
        sendRequest(options, ctx, request, state, useToken),
      );
    } catch (error) {
      if (ctx.signal.aborted) throw new CollectionAbortedError();
      // 422 "requires an authenticated user" is what a closed server answers an anonymous reader; 401, a refused token.
      const refused = error instanceof AuthError || isAuthRequired(error);
      if (!refused) throw error;
      const status = (error as AuthError | MastodonHttpError).status;
      if ((status === 401 || status === 422) && !useToken && token) {
        ctx.log.info({ server: request.server }, `mastodon ${request.server} requires an access token; using its own token for it`);
        state.useToken = true;
        continue;
      }
      throw new AuthError('mastodon', status, describeAuthFailure(request.server, status, useToken && token !== null));
    }
  }
}

/**
 * Plain fetch rather than a library such as masto: the collector makes a handful of GETs against many
 * servers and must see every response's headers (Link, X-RateLimit-*) and own the retries and request
 * metering; a library would hide exactly those, for a dependency we would barely use.
 *
 * Per server it remembers the rate-limit headers (to pause or stop before a request that would be
 * refused), whether the server needs the token, and whether it offers batch look-ups. The token is sent
 * only to servers that refuse anonymous reads: a Mastodon token belongs to one server, and sending it
 * elsewhere would leak the secret and draw a 401 from servers that check any token they are given.
 */
export function createMastodonClient(options: MastodonClientOptions): MastodonClient {
  const servers = new Map<string, ServerState>();
  const stateOf = (server: string): ServerState => {
    let state = servers.get(server);
    if (!state) {
      state = { useToken: false, batch: true, rateLimit: null };
      servers.set(server, state);
    }
    return state;
  };
  const get = <S extends z.ZodType>(ctx: RunContext, request: MastodonRequest<S>) => getFromServer(options, ctx, request, stateOf(request.server));

  return {
    async tagTimeline(ctx, server, tag, page) {
      const query = new URLSearchParams({ limit: String(page.limit) });
      if (page.maxId) query.set('max_id', page.maxId);
      if (page.minId) query.set('min_id', page.minId);
      try {
        const { body, headers } = await get(ctx, {
          server,
          path: `api/v1/timelines/tag/${encodeURIComponent(tag)}`,
          query,
          endpoint: 'GET /api/v1/timelines/tag/:hashtag',
          schema: mastodonStatusListSchema,
        });
        const links = parseLinkHeader(headers.get('link'));
        return { statuses: body, nextMaxId: linkParam(links, 'next', 'max_id'), prevMinId: linkParam(links, 'prev', 'min_id') };
      } catch (error) {
        // Servers answer 404 for a hashtag nobody there has used yet: nothing to collect.
        if (isMastodonNotFound(error, [404])) return null;
        if (error instanceof UpstreamHttpError && error.status === 404) {
          throw new Error(`${server} answered HTTP 404 for its hashtag timeline without Mastodon's error body: check that MASTODON_INSTANCES names a Mastodon server (for example https://mastodon.social).`);
        }
        throw error;
      }
    },

    async status(ctx, server, id) {
      try {
        const { body } = await get(ctx, {
          server,
          path: `api/v1/statuses/${encodeURIComponent(id)}`,
          query: new URLSearchParams(),
          endpoint: 'GET /api/v1/statuses/:id',
          schema: mastodonStatusSchema,
        });
        return body;
      } catch (error) {
        if (isMastodonNotFound(error, [404, 410])) return null;
        throw error;
      }
    },

    async statuses(ctx, server, ids) {
      const state = stateOf(server);
      if (!state.batch) return null;
      const query = new URLSearchParams();
      for (const id of ids) query.append('id[]', id);
      try {
        const { body } = await get(ctx, { server, path: 'api/v1/statuses', query, endpoint: 'GET /api/v1/statuses', schema: mastodonStatusListSchema });
        return body;
      } catch (error) {
        // Servers before Mastodon 4.3 have no batch look-up (404), others may refuse the form (400/422).
        if (error instanceof UpstreamHttpError && [400, 404, 405, 422].includes(error.status)) {
          ctx.log.info({ server }, `mastodon ${server} has no batch status look-up; refreshing one status at a time`);
          state.batch = false;
          return null;
        }
        throw error;
      }
    },
  };
}
