// Reuses the analytics endpoints' JSON answers until the data they are computed from changes. The
// data changes when a collection commits (every 15 minutes by default), while the dashboard asks
// the same questions on every auto-refresh and filter switch, and a long window at a million posts
// takes up to a second to compute (`npm run bench`). After a collection the server asks the most
// recently used questions again (`recentPaths`), so the views people have open stay instant.
//
// An answer is keyed on its path and only the query parameters its endpoint declares
// (answer-parameters.ts), sorted: `?network=x&_=17` is the same question as `?network=x`. Until an
// endpoint has declared its parameters once, every parameter is part of the key (never a wrong
// answer, only a miss).
import type { MiddlewareHandler } from 'hono';
import { declaredAnswerParameters } from './answer-parameters.js';

export interface AnswerCacheOptions {
  /**
   * A token that changes whenever the data behind answers under `pathname` may have changed
   * (db/data-version.ts changeToken): /api/shareables also counts share clicks, the rest do not.
   */
  dataVersion: (pathname: string) => string;
  /**
   * What else an answer to `url` depends on besides its path and query and the data: the local date,
   * since a request without `to` means "up to today", and for a range still running the time, since
   * its "so far" comparison moves with the clock.
   */
  context: (url: URL) => string;
  /** Most answers kept; the least recently used goes first. */
  maxEntries: number;
}

export interface AnswerCache {
  middleware: MiddlewareHandler;
  /** Path and query (declared parameters only) of the most recently used answers, most recent first. */
  recentPaths(limit: number): string[];
}

interface Answer {
  version: string;
  body: string;
  contentType: string;
}

/** The question a request asks: its path and the parameters that change the answer, in a fixed order. */
export function questionKey(url: URL, parameters: readonly string[] | undefined): string {
  const kept = [...url.searchParams].filter(([name]) => parameters === undefined || parameters.includes(name));
  // A stable sort by name: repeated values (network=x&network=bluesky) keep their order.
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const search = new URLSearchParams(kept).toString();
  return search ? `${url.pathname}?${search}` : url.pathname;
}

/** A cache for GET endpoints whose 200 answers depend only on the path, the declared parameters, the data and `context`. */
export function answerCache(options: AnswerCacheOptions): AnswerCache {
  const answers = new Map<string, Answer>();
  // Parameters each path declared when it last answered.
  const parametersOf = new Map<string, readonly string[]>();
  // Questions answered most recently, kept across data changes so they can be asked again afterwards.
  const recent = new Map<string, true>();

  const touch = (question: string) => {
    recent.delete(question);
    recent.set(question, true);
    if (recent.size > options.maxEntries) recent.delete(recent.keys().next().value!);
  };

  const middleware: MiddlewareHandler = async (c, next) => {
    if (c.req.method !== 'GET') return next();
    const url = new URL(c.req.url);
    const version = options.dataVersion(url.pathname);
    const question = questionKey(url, parametersOf.get(url.pathname));
    const key = `${options.context(url)} ${question}`;
    const hit = answers.get(key);
    if (hit) answers.delete(key);
    if (hit?.version === version) {
      touch(question);
      answers.set(key, hit);
      return c.body(hit.body, 200, { 'Content-Type': hit.contentType });
    }
    await next();
    // An error is neither kept nor worth asking again after the next collection.
    if (c.res.status !== 200) return;
    const declared = declaredAnswerParameters(c.req.raw);
    if (declared) parametersOf.set(url.pathname, declared);
    const asked = questionKey(url, declared);
    touch(asked);
    if (options.dataVersion(url.pathname) !== version) return;
    const body = await c.res.clone().text();
    if (answers.size >= options.maxEntries) answers.delete(answers.keys().next().value!);
    answers.set(`${options.context(url)} ${asked}`, { version, body, contentType: c.res.headers.get('Content-Type') ?? 'application/json' });
  };

  return {
    middleware,
    recentPaths: (limit) => [...recent.keys()].reverse().slice(0, limit),
  };
}
