// Every client reads answer bodies the same way: not JSON, or JSON of the wrong shape, is a
// MalformedResponseError that names the network, the endpoint and the first wrong field.
import { z } from 'zod';
import { describe, expect, test } from 'vitest';
import { MalformedResponseError } from '../../collector/errors.js';
import { parseBody } from '../../collector/response-body.js';

const schema = z.object({ posts: z.array(z.object({ uri: z.string() })) });

describe('parseBody', () => {
  test('a body of the documented shape is returned parsed', () => {
    expect(parseBody('bluesky', 'app.bsky.feed.getPosts', '{"posts":[{"uri":"at://a"}]}', schema)).toEqual({ posts: [{ uri: 'at://a' }] });
  });

  test('a body that is not JSON says so', () => {
    expect(() => parseBody('mastodon', 'https://mastodon.social GET /api/v1/statuses', '<html>Bad gateway</html>', schema)).toThrow(
      new MalformedResponseError('mastodon', 'https://mastodon.social GET /api/v1/statuses', 'the body is not valid JSON'),
    );
  });

  test('a body of the wrong shape names the first wrong field by its path', () => {
    let caught: unknown;
    try {
      parseBody('bluesky', 'app.bsky.feed.getPosts', '{"posts":[{"uri":7}]}', schema);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(MalformedResponseError);
    expect((caught as Error).message).toMatch(/^bluesky app\.bsky\.feed\.getPosts returned a response that does not match the API's format: posts\.0\.uri: /);
  });
});
