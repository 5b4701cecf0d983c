// Reuses the analytics endpoints' JSON answers until the database changes. The data changes when a
// collection commits (every 15 minutes by default) or a share click is counted, while the dashboard
// asks the same questions on every auto-refresh and filter switch, and a long window at a million
// posts takes up to a second to compute (`npm run bench`). After a collection the server asks the
// most recently used questions again (`recentPaths`), so the views people have open stay instant.
import type { MiddlewareHandler } from 'hono';

export interface AnswerCacheOptions {
  /** A token that changes whenever the data may have changed (db/data-version.ts). */
  dataVersion: () => string;
  /**
   * What else an answer depends on besides its path and query and the data: the local date, since
   * a request without `to` means "up to today".
   */
  context: () => string;
  /** Most answers kept; the least recently used goes first. */
  maxEntries: number;
}

export interface AnswerCache {
  middleware: MiddlewareHandler;
  /** Path and query of the most recently used answers, most recent first. */
  recentPaths(limit: number): string[];
}

interface Answer {
  body: string;
  contentType: string;
}

/** A cache for GET endpoints whose 200 answers depend only on the path and query, the data and `context`. */
export function answerCache(options: AnswerCacheOptions): AnswerCache {
  let version: string | null = null;
  const answers = new Map<string, Answer>();
  // Paths answered most recently, kept across data changes so they can be asked again afterwards.
  const recent = new Map<string, true>();

  const touch = (path: string) => {
    recent.delete(path);
    recent.set(path, true);
    if (recent.size > options.maxEntries) recent.delete(recent.keys().next().value!);
  };

  const middleware: MiddlewareHandler = async (c, next) => {
    if (c.req.method !== 'GET') return next();
    const current = options.dataVersion();
    if (current !== version) {
      answers.clear();
      version = current;
    }
    const url = new URL(c.req.url);
    const path = `${url.pathname}${url.search}`;
    const key = `${options.context()} ${path}`;
    const hit = answers.get(key);
    if (hit) {
      touch(path);
      answers.delete(key);
      answers.set(key, hit);
      return c.body(hit.body, 200, { 'Content-Type': hit.contentType });
    }
    await next();
    // An error is neither kept nor worth asking again after the next collection.
    if (c.res.status !== 200) return;
    touch(path);
    if (options.dataVersion() !== current) return;
    const body = await c.res.clone().text();
    if (answers.size >= options.maxEntries) answers.delete(answers.keys().next().value!);
    answers.set(key, { body, contentType: c.res.headers.get('Content-Type') ?? 'application/json' });
  };

  return {
    middleware,
    recentPaths: (limit) => [...recent.keys()].reverse().slice(0, limit),
  };
}
