// Keeps one Bluesky login for the adapter's lifetime: logs in with the app password on first use,
// renews with refreshSession when the access token expires, and explains refused logins.
// Tokens and the password live only in this closure; they are never logged or put in messages.
import type { RunContext } from '../../adapter.js';
import { AuthError } from '../../errors.js';
import { withRetries, type RetryContext, type RetryPolicy } from '../../retry.js';
import { XrpcError, type BlueskyClient } from './bluesky-client.js';
import type { BlueskySession } from './bluesky-schema.js';

export const BLUESKY_CREDENTIAL = 'BLUESKY_HANDLE / BLUESKY_APP_PASSWORD';

/** XRPC errors that a fresh access token cures. */
const RENEWABLE = new Set(['ExpiredToken', 'InvalidToken']);

export interface SessionKeeper {
  /** Runs one authenticated request with retries; on an expired token, renews the session once and repeats it. */
  authorized<T>(ctx: RunContext, what: string, request: (accessJwt: string) => Promise<T>): Promise<T>;
}

/** The retry context for one Bluesky request within a run. */
export function retryContextFor(ctx: RunContext, policy: RetryPolicy): RetryContext {
  return { network: 'bluesky', log: ctx.log, meter: ctx.meter, signal: ctx.signal, now: ctx.now, policy };
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

/** A session keeper that logs in lazily, on the first request that needs it. */
export function createSessionKeeper(options: { client: BlueskyClient; handle: string; appPassword: string; retryPolicy: RetryPolicy }): SessionKeeper {
  const { client, handle, appPassword, retryPolicy } = options;
  let session: BlueskySession | null = null;

  async function login(ctx: RunContext): Promise<BlueskySession> {
    return withRetries(retryContextFor(ctx, retryPolicy), 'createSession', BLUESKY_CREDENTIAL, async () => {
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

  async function renew(ctx: RunContext, stale: BlueskySession): Promise<BlueskySession> {
    try {
      const renewed = await withRetries(retryContextFor(ctx, retryPolicy), 'refreshSession', BLUESKY_CREDENTIAL, () =>
        client.refreshSession(stale.refreshJwt, ctx.signal),
      );
      ctx.log.debug('Bluesky access token expired; session refreshed');
      return renewed;
    } catch (error) {
      // A refresh token also expires (or is revoked); logging in again is the documented way back.
      if (!(error instanceof AuthError) && !isRenewable(error)) throw error;
      ctx.log.info('Bluesky refresh token no longer accepted; logging in again');
      return login(ctx);
    }
  }

  return {
    async authorized(ctx, what, request) {
      session ??= await login(ctx);
      const current = session;
      try {
        return await withRetries(retryContextFor(ctx, retryPolicy), what, BLUESKY_CREDENTIAL, () => request(current.accessJwt));
      } catch (error) {
        if (!isRenewable(error)) throw error;
      }
      // Another request may already have renewed the session while this one waited.
      if (session === current) session = await renew(ctx, current);
      const renewed = session;
      return withRetries(retryContextFor(ctx, retryPolicy), what, BLUESKY_CREDENTIAL, () => request(renewed.accessJwt));
    },
  };
}
