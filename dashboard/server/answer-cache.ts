// Reuses the analytics endpoints' JSON answers until the database changes. The data changes when a
// collection commits (every 15 minutes by default) or a share click is counted, while the dashboard
// asks the same questions on every auto-refresh and filter switch, and a long window at a million
// posts takes a few hundred milliseconds to compute (`npm run bench`).
import type { MiddlewareHandler } from 'hono';

export interface AnswerCacheOptions {
  /** A token that changes whenever the data may have changed (db/data-version.ts). */
  dataVersion: () => string;
  /**
   * What else an answer depends on besides its URL and the data: the local date, since a request
   * without `to` means "up to today".
   */
  context: () => string;
  /** Most answers kept; the least recently used goes first. */
  maxEntries: number;
}

interface Answer {
  body: string;
  contentType: string;
}

/** Middleware for GET endpoints whose 200 answers depend only on the URL, the data and `context`. */
export function answerCache(options: AnswerCacheOptions): MiddlewareHandler {
  let version: string | null = null;
  const answers = new Map<string, Answer>();
  return async (c, next) => {
    if (c.req.method !== 'GET') return next();
    const current = options.dataVersion();
    if (current !== version) {
      answers.clear();
      version = current;
    }
    const key = `${options.context()} ${c.req.url}`;
    const hit = answers.get(key);
    if (hit) {
      answers.delete(key);
      answers.set(key, hit);
      return c.body(hit.body, 200, { 'Content-Type': hit.contentType });
    }
    await next();
    if (c.res.status !== 200 || options.dataVersion() !== current) return;
    const body = await c.res.clone().text();
    if (answers.size >= options.maxEntries) answers.delete(answers.keys().next().value!);
    answers.set(key, { body, contentType: c.res.headers.get('Content-Type') ?? 'application/json' });
  };
}
