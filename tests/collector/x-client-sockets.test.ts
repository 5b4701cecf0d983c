// twitter-api-v2 adds six listeners to a request's socket (its request-event hook, which the X client
// turns on to bound each request) and never removes them. On a kept-alive socket they gathered
// request after request: a slow leak in a collector that runs for months, and Node's
// MaxListenersExceededWarning. The client sends each request on its own socket instead.
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { createXClient } from '../../collector/networks/x/x-client.js';
import { FakeXServer } from '../../fakes/x/fake-x-server.js';

let x: FakeXServer;
const warnings: Error[] = [];
const onWarning = (warning: Error) => {
  if (warning.name === 'MaxListenersExceededWarning') warnings.push(warning);
};

beforeEach(async () => {
  x = await FakeXServer.start({ bearerToken: 'test-bearer-token' });
  warnings.length = 0;
  process.on('warning', onWarning);
});

afterEach(async () => {
  process.off('warning', onWarning);
  await x.close();
});

describe('the X client over many requests', () => {
  test('twenty searches in a row leave no listeners gathering on a shared socket', async () => {
    const client = createXClient({ bearerToken: 'test-bearer-token', baseUrl: x.baseUrl });
    for (let i = 0; i < 20; i += 1) {
      const page = await client.searchRecent({ query: '#jobquality', maxResults: 10 });
      expect(page).toBeTypeOf('object');
    }
    // Node emits the warning on the next tick after the eleventh listener.
    await new Promise((resolve) => setImmediate(resolve));
    expect(warnings.map((warning) => warning.message)).toEqual([]);
  });
});
