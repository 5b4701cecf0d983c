// The app's only door to the server: GETs a JSON endpoint and turns every failure (offline,
// HTTP error with the API's error body, unreadable answer) into one error a person can act on.
import type { ApiAnswer, ApiErrorBody, ApiPath } from './api-types.js';

/** A request to the dashboard API failed; `message` says what happened and what to try. */
export class ApiRequestError extends Error {
  override name = 'ApiRequestError';
  constructor(
    message: string,
    /** The endpoint path, e.g. `/api/summary`. */
    readonly path: string,
    /** HTTP status, or 0 when the server could not be reached. */
    readonly status: number,
    /** The API's error code (`invalid_parameter`, `not_found`, `internal`), when it sent one. */
    readonly code: string | null,
  ) {
    super(message);
  }
}

/** Whether `value` is the API's `{ error: { code, message } }` body. */
function isErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== 'object' || value === null || !('error' in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === 'object' && error !== null && typeof (error as { message?: unknown }).message === 'string';
}

/** The URL of an API path with its query (empty values left out). */
export function apiUrl(path: string, params: URLSearchParams = new URLSearchParams()): string {
  const query = params.toString();
  return query ? `${path}?${query}` : path;
}

/**
 * GETs `path` with `params` and returns the parsed JSON: for an endpoint of the contract, typed as its
 * answer (`getJson('/api/status')` is a StatusResponse), so a call cannot name the wrong type.
 * @throws {ApiRequestError} when the server is unreachable or answers with an error.
 * @throws {DOMException} named AbortError when `signal` aborts (callers ignore it).
 */
export async function getJson<P extends ApiPath>(path: P, params?: URLSearchParams, signal?: AbortSignal): Promise<ApiAnswer<P>> {
  const url = apiUrl(path, params);
  let response: Response;
  try {
    response = await fetch(url, { headers: { Accept: 'application/json' }, signal: signal ?? null });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiRequestError('The dashboard server did not answer. Check that `jobquality start` (or `npm start`) is running, then retry.', path, 0, null);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    body = undefined;
  }
  if (!response.ok) {
    const detail = isErrorBody(body) ? body.error.message : `HTTP ${response.status} ${response.statusText}`.trim();
    const code = isErrorBody(body) ? body.error.code : null;
    throw new ApiRequestError(`${path} failed: ${detail}`, path, response.status, code);
  }
  if (body === undefined) {
    throw new ApiRequestError(`${path} answered with something that is not JSON; is another program listening on this port?`, path, response.status, null);
  }
  // The server tests hold every answer to the contract (tests/helpers/test-dashboard.ts); the app trusts it.
  return body as ApiAnswer<P>;
}
