// Asking a dashboard for a JSON answer, as the API tests do: the answer must be 200, and when it is
// not, the failure shows the path and the body the server sent instead.
import { expect } from 'vitest';

/** Anything that answers requests as a Hono app does (`createDashboardServer(…).app`). */
export interface AnswersRequests {
  request(path: string, init?: RequestInit): Response | Promise<Response>;
}

/** GETs `path` (or sends `init`) and returns the JSON body of its 200 answer. */
export async function askJson<T = any>(app: AnswersRequests, path: string, init?: RequestInit): Promise<T> {
  const response = await app.request(path, init);
  expect(response.status, `${path}: ${await response.clone().text()}`).toBe(200);
  return (await response.json()) as T;
}

/** `askJson` bound to one app, for files that ask the same dashboard throughout. */
export function jsonAsker(app: AnswersRequests): <T = any>(path: string) => Promise<T> {
  return (path) => askJson(app, path);
}
