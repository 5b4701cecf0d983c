// For tests that talk to the fake network servers directly: every fake a test starts is closed
// after it, and a request's reply is read once into status, headers, text and parsed JSON.
import { afterEach } from 'vitest';
import { FakeMastodonServer, type FakeMastodonServerOptions } from '../../fakes/mastodon/fake-mastodon-server.js';

export interface FakeReply {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed JSON body; undefined when the body is not JSON (an HTML error page, a cut-off body). */
  body: any;
}

/** Returns a function that registers a started fake; every registered fake is closed after each test. */
export function closeFakesAfterEach<T extends { close(): Promise<void> }>(): (fake: T) => T {
  const started: T[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((fake) => fake.close()));
  });
  return (fake) => {
    started.push(fake);
    return fake;
  };
}

/** Reads a fetch response whole. */
export async function readReply(response: Response): Promise<FakeReply> {
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: response.status, headers: response.headers, text, body };
}

/** The authorization header for `token`, or none. */
export const bearer = (token: string | null | undefined): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {});

/** Returns a starter of fake Mastodon servers that know the account 'ana' (Ana Organizes, 120 followers), each closed after its test. */
export function fakeMastodonStarter(): (options?: FakeMastodonServerOptions) => Promise<FakeMastodonServer> {
  const track = closeFakesAfterEach<FakeMastodonServer>();
  return async (options = {}) => {
    const server = track(await FakeMastodonServer.start(options));
    server.addAccount({ username: 'ana', displayName: 'Ana Organizes', followers: 120 });
    return server;
  };
}
