// Keeps one Bluesky session across runs and processes: reuses the stored session, renews it with
// refreshSession when it is refused, logs in with the app password only when that fails too, and
// explains refused logins. Tokens and the password are never logged or put in messages.
import type { RunContext } from '../../adapter.js';
import { AuthError } from '../../errors.js';
import { retryContextFor, withRetries, type RetryPolicy } from '../../retry.js';
import { XrpcError, type BlueskyClient } from './bluesky-client.js';
import type { BlueskySession } from './bluesky-schema.js';
import { createMemorySessionStore, type SessionStore } from './bluesky-session-store.js';

export const BLUESKY_CREDENTIAL = 'BLUESKY_HANDLE / BLUESKY_APP_PASSWORD';

/** XRPC errors that a fresh access token cures. */
const RENEWABLE = new Set(['ExpiredToken', 'InvalidToken']);

export interface SessionKeeper {
  /** Runs one authenticated request with retries; on an expired token, renews the session once and repeats it. */
  authorized<T>(ctx: RunContext, what: string, request: (accessJwt: string) => Promise<T>): Promise<T>;
}

/** True for the 400 answers (ExpiredToken, InvalidToken) that a renewed session cures. */
export function isRenewable(error: unknown): boolean {
  return error instanceof XrpcError && error.status === 400 && error.xrpcError !== null && RENEWABLE.has(error.xrpcError);
}

/** The message for a refused createSession: what was wrong and what to change. */
export function describeLoginFailure(handle: string, error: XrpcError): string {
  const said = error.serverMessage ? ` ("${error.serverMessage}")` : '';
  switch (error.xrpcError) {
    case 'AuthFactorTokenRequired':
      return (
        `Bluesky asked for an email sign-in code when logging in as ${handle}${said}: BLUESKY_APP_PASSWORD looks like the account's main password. ` +
        'Create an app password (Bluesky settings → Privacy and security → App passwords) and set BLUESKY_APP_PASSWORD to it.'
      );
    case 'AccountTakedown':
    case 'AccountDeactivated':
      return `Bluesky refused to log in as ${handle} because the account is ${error.xrpcError === 'AccountTakedown' ? 'taken down' : 'deactivated'}${said}; use another account in BLUESKY_HANDLE.`;
    default:
      return (
        `Bluesky refused to log in as ${handle} (HTTP ${error.status}${error.xrpcError ? ` ${error.xrpcError}` : ''})${said}. ` +
        'Check BLUESKY_HANDLE (the full handle, e.g. name.bsky.social) and set BLUESKY_APP_PASSWORD to an app password ' +
        '(Bluesky settings → Privacy and security → App passwords), never the account password.'
      );
  }
}

/** True for a refused session: a renewable 400, or a 401 for a token the server no longer accepts. */
export function isRefusedSession(error: unknown): boolean {
  return isRenewable(error) || (error instanceof AuthError && error.status === 401);
}

export interface SessionKeeperOptions {
  client: BlueskyClient;
  /** The service the session belongs to (a stored session for another one is ignored). */
  service: string;
  handle: string;
  appPassword: string;
  retryPolicy: RetryPolicy;
  /** Where the session is kept between runs and processes; default memory only (this keeper's lifetime). */
  store?: SessionStore;
}

/** Logs in with the app password (createSession); a refused login says what to change. */
async function logIn(options: SessionKeeperOptions, ctx: RunContext): Promise<BlueskySession> {
  const { client, handle, appPassword } = options;
  return withRetries(retryContextFor('bluesky', ctx, options.retryPolicy), 'createSession', BLUESKY_CREDENTIAL, async () => {
    try {
      return await client.createSession(handle, appPassword, ctx.signal);
    } catch (error) {
      // 400 covers takedowns and malformed identifiers on some servers; 429 and 5xx stay retryable.
      if (error instanceof XrpcError && (error.status === 401 || error.status === 403 || (error.status === 400 && error.xrpcError !== 'InvalidRequest'))) {
        throw new AuthError('bluesky', error.status, describeLoginFailure(handle, error));
      }
      throw error;
    }
  });
}

/** The session `store` keeps for this service and handle, if any. */
function storedSession(store: SessionStore, service: string, handle: string, ctx: RunContext): BlueskySession | null {
  const kept = store.load((message) => ctx.log.warn(message));
  if (!kept || kept.service !== service || kept.handle.toLowerCase() !== handle.toLowerCase()) return null;
  return { did: kept.did, handle: kept.handle, accessJwt: kept.accessJwt, refreshJwt: kept.refreshJwt };
}

/**
 * A session keeper that reuses the stored session, renews it with refreshSession when it is refused,
 * and logs in (createSession) only when there is none or the refresh token is refused too.
 */
export function createSessionKeeper(options: SessionKeeperOptions): SessionKeeper {
  const { client, service, handle, retryPolicy } = options;
  const store = options.store ?? createMemorySessionStore();
  let session: BlueskySession | null = null;

  /** Stores a new session; failing to store costs a login next time, not this run. */
  function keep(ctx: RunContext, fresh: BlueskySession): BlueskySession {
    try {
      store.save({ service, handle, did: fresh.did, accessJwt: fresh.accessJwt, refreshJwt: fresh.refreshJwt });
    } catch (error) {
      ctx.log.warn(`could not store the Bluesky session (${(error as NodeJS.ErrnoException).code ?? 'error'}); the next run will log in again`);
    }
    return fresh;
  }

  const login = (ctx: RunContext) => logIn(options, ctx);
  const stored = (ctx: RunContext) => storedSession(store, service, handle, ctx);

  async function begin(ctx: RunContext): Promise<BlueskySession> {
    const kept = stored(ctx);
    if (kept) {
      ctx.log.debug('Bluesky session reused from the previous run');
      return kept;
    }
    return keep(ctx, await login(ctx));
  }

  async function renew(ctx: RunContext, stale: BlueskySession, adoptStored: boolean): Promise<BlueskySession> {
    // Another process (a cron `collect --once` beside `start`) may have renewed it already: refresh
    // tokens rotate, so refreshing the stale one again would be refused and cost a login.
    const latest = adoptStored ? stored(ctx) : null;
    if (latest && latest.accessJwt !== stale.accessJwt) return latest;
    try {
      const renewed = await withRetries(retryContextFor('bluesky', ctx, retryPolicy), 'refreshSession', BLUESKY_CREDENTIAL, () =>
        client.refreshSession(stale.refreshJwt, ctx.signal),
      );
      ctx.log.debug('Bluesky access token refused; session refreshed');
      return keep(ctx, renewed);
    } catch (error) {
      // A refresh token also expires (or is revoked); logging in again is the documented way back.
      if (!(error instanceof AuthError) && !isRenewable(error)) throw error;
      ctx.log.info('Bluesky refresh token no longer accepted; logging in again');
      return keep(ctx, await login(ctx));
    }
  }

  return {
    async authorized(ctx, what, request) {
      session ??= await begin(ctx);
      // At most two renewals: the first may adopt a session another process stored, the second refreshes or logs in.
      for (let renewals = 0; ; renewals += 1) {
        const current: BlueskySession = session;
        try {
          return await withRetries(retryContextFor('bluesky', ctx, retryPolicy), what, BLUESKY_CREDENTIAL, () => request(current.accessJwt));
        } catch (error) {
          if (!isRefusedSession(error) || renewals >= 2) throw error;
        }
        // Another request may already have renewed the session while this one waited.
        if (session === current) session = await renew(ctx, current, renewals === 0);
      }
    },
  };
}
