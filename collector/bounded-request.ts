// Deadlines and size limits shared by every network client: one deadline for a request's whole
// exchange (connect, headers and body), a cap on the body, and prompt abandonment on shutdown.
import { CollectionAbortedError, RequestTimeoutError, ResponseTooLargeError } from './errors.js';

export interface HttpLimits {
  /** The whole exchange, from sending to the last byte of the body. */
  requestTimeoutMs: number;
  /** Largest body accepted, counted as decoded (after gzip) where the client decodes. */
  maxResponseBytes: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = { requestTimeoutMs: 30_000, maxResponseBytes: 4 * 1_048_576 };

/** One request's deadline: its signal aborts on timeout, on `fail`, or when the run's signal aborts. */
export interface RequestDeadline {
  readonly signal: AbortSignal;
  /** Ends the request now with `error` (e.g. the body grew too large); the first reason wins. */
  fail(error: Error): void;
  /** The error the request ended with: timeout, too large, or shutdown. Only meaningful once aborted. */
  reason(): Error;
  /** Rejects with `reason()` as soon as the signal aborts; never settles otherwise. */
  readonly aborted: Promise<never>;
  /** Stops the timer and forgets the run's signal; call once the request settled. */
  dispose(): void;
}

/**
 * A plain AbortController driven by an ordinary timer. Not `AbortSignal.any([run, AbortSignal.timeout()])`:
 * on Node 20 the composite holds its sources weakly, and once a garbage collection takes the timeout
 * signal the request never times out (issue 13). Here the pending timer holds the controller, so the
 * deadline fires whatever the collector does in between.
 */
export function startRequestDeadline(runSignal: AbortSignal, limits: Pick<HttpLimits, 'requestTimeoutMs'>, what: string): RequestDeadline {
  const controller = new AbortController();
  let disposed = false;
  const abort = (error: Error) => {
    if (!disposed && !controller.signal.aborted) controller.abort(error);
  };
  const aborted = new Promise<never>((_, reject) => {
    controller.signal.addEventListener('abort', () => reject(controller.signal.reason as Error), { once: true });
  });
  // Callers race against it; one that settled first must not leave an unhandled rejection behind.
  aborted.catch(() => undefined);
  const onRunAbort = () => abort(new CollectionAbortedError());
  const timer = setTimeout(() => abort(new RequestTimeoutError(what, limits.requestTimeoutMs)), limits.requestTimeoutMs);
  if (runSignal.aborted) onRunAbort();
  else runSignal.addEventListener('abort', onRunAbort, { once: true });
  return {
    signal: controller.signal,
    fail: abort,
    reason: () => (controller.signal.reason instanceof Error ? controller.signal.reason : new CollectionAbortedError()),
    aborted,
    dispose() {
      disposed = true;
      clearTimeout(timer);
      runSignal.removeEventListener('abort', onRunAbort);
    },
  };
}

export interface BoundedResponse {
  response: Response;
  /** The body as text (UTF-8), read in full within the limits. */
  text: string;
}

/**
 * `fetch` with the deadline over headers and body and the size cap on the body, which is read
 * chunk by chunk so an oversized answer is abandoned as soon as it passes the cap (a Content-Length
 * above it fails before reading). Throws RequestTimeoutError, ResponseTooLargeError,
 * CollectionAbortedError, or fetch's own network error.
 */
export async function fetchWithinLimits(
  doFetch: typeof fetch,
  url: URL,
  init: RequestInit,
  options: { signal: AbortSignal; limits: HttpLimits; what: string },
): Promise<BoundedResponse> {
  const deadline = startRequestDeadline(options.signal, options.limits, options.what);
  try {
    const exchange = async (): Promise<BoundedResponse> => {
      const response = await doFetch(url, { ...init, signal: deadline.signal });
      const declared = Number(response.headers.get('content-length'));
      if (Number.isFinite(declared) && declared > options.limits.maxResponseBytes) {
        throw new ResponseTooLargeError(options.what, options.limits.maxResponseBytes);
      }
      const text = await readCapped(response, options.limits.maxResponseBytes, options.what);
      return { response, text };
    };
    return await Promise.race([exchange(), deadline.aborted]);
  } catch (error) {
    if (deadline.signal.aborted) throw deadline.reason();
    if (error instanceof ResponseTooLargeError) deadline.fail(error);
    throw error;
  } finally {
    deadline.dispose();
  }
}

async function readCapped(response: Response, maxBytes: number, what: string): Promise<string> {
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new ResponseTooLargeError(what, maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
