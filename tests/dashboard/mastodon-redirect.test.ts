// /s/<id>/mastodon?server=… redirects only to Mastodon servers we know (a maintained list and the
// ones the collector watches). Any other server gets a page that names it and links there, so a
// link on the campaign's domain never bounces a supporter somewhere unawares. Real HTTP.
import { describe, expect, test } from 'vitest';
import { KNOWN_MASTODON_SERVERS } from '../../shareables/known-mastodon-servers.js';
import { rawRequest } from '../helpers/raw-http.js';
import { BAKERY, sampleShareables } from '../helpers/sample-shareables.js';
import { servedDashboards } from '../helpers/served-dashboards.js';

const dashboards = servedDashboards();

/** A Mastodon-collecting dashboard that also watches a partner's server and a local one. */
const start = () =>
  dashboards.serve({
    enabledNetworks: ['mastodon'],
    shareables: sampleShareables,
    watchedMastodonServers: ['https://social.campaign-partner.org', 'http://127.0.0.1:9999'],
  });

const share = (url: string, server: string) => rawRequest(`${url}/s/${BAKERY}/mastodon?server=${encodeURIComponent(server)}`);

describe('Mastodon share redirect', () => {
  test('a well-known or watched server is redirected to straight away', async () => {
    const { url } = await start();
    expect(KNOWN_MASTODON_SERVERS).toContain('mastodon.social');
    for (const [server, host] of [
      ['mastodon.social', 'mastodon.social'],
      ['@someone@Mas.To', 'mas.to'],
      ['social.campaign-partner.org', 'social.campaign-partner.org'],
    ]) {
      const response = await share(url, server!);
      expect(response.status, server).toBe(302);
      expect(response.headers.location).toMatch(new RegExp(`^https://${host!.replace(/\./g, '\\.')}/share\\?text=`));
    }
  });

  test('any other server gets a page naming it, with a plain link there and no redirect', async () => {
    const { url, db } = await start();
    const response = await share(url, 'evil.example');
    expect(response.status).toBe(200);
    expect(response.headers.location).toBeUndefined();
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.body).toContain('Continue to evil.example?');
    expect(response.body).toMatch(/<a href="https:\/\/evil\.example\/share\?text=[^"]+" rel="noopener noreferrer">/);
    expect(response.body).not.toContain('<script');
    expect(response.headers['content-security-policy']).toContain("default-src 'self'");
    // The press still counts (the supporter chose to share), once.
    expect(db.prepare('SELECT SUM(clicks) AS n FROM share_clicks').get()).toEqual({ n: 1 });
  });

  test('a server name that is not a host is refused with 400; one that hides another host behind a known one is not redirected', async () => {
    const { url } = await start();
    for (const server of ['javascript:alert(1)', '<b>x</b>', 'http://[::1]/', '']) {
      const response = await share(url, server);
      expect(response.status, server).toBe(400);
      expect(response.headers.location).toBeUndefined();
    }
    for (const server of ['user:pw@evil.example', 'evil.example/@mastodon.social', 'https://evil.example\\@mastodon.social', 'mastodon.social.evil.example']) {
      const response = await share(url, server);
      expect(response.status, server).toBe(200);
      expect(response.headers.location, server).toBeUndefined();
      expect(response.body).toMatch(/Continue to [a-z.]*evil\.example\?/);
    }
  });
});
