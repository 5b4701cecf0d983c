// DNS rebinding: a page on evil.example that points its name at 127.0.0.1 reaches a loopback server
// as the same origin, but its requests still say "Host: evil.example". The dashboard answers only
// its loopback names, IP literals, ALLOWED_HOSTS and PUBLIC_BASE_URL's host. Real sockets.
import { describe, expect, test } from 'vitest';
import { hostNameOf } from '../../dashboard/server/host-check.js';
import { rawRequest } from '../helpers/raw-http.js';
import { servedDashboards } from '../helpers/served-dashboards.js';

const dashboards = servedDashboards();

const statusFor = async (url: string, host: string) => rawRequest(`${url}/api/status`, { headers: { Host: host } });

describe('host check', () => {
  test('a loopback server answers its loopback names and IP addresses', async () => {
    const { url } = await dashboards.serve();
    const port = new URL(url).port;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, 'LOCALHOST', `[::1]:${port}`, 'app.localhost']) {
      expect((await statusFor(url, host)).status, host).toBe(200);
    }
  });

  test('a request naming another host (DNS rebinding) is refused with 421 before any data is read', async () => {
    const { url } = await dashboards.serve();
    for (const host of ['evil.example', `evil.example:${new URL(url).port}`, 'localhost.evil.example', '127.0.0.1.nip.io']) {
      const response = await statusFor(url, host);
      expect(response.status, host).toBe(421);
      const body = JSON.parse(response.body) as { error: { code: string; message: string } };
      expect(body.error.code).toBe('host_not_allowed');
      expect(body.error.message).toContain('ALLOWED_HOSTS');
      expect(response.body).not.toContain('networks');
    }
    // What is not a host name at all never reaches the routes either.
    const garbled = await statusFor(url, 'bad host');
    expect(garbled.status).toBe(400);
    expect(garbled.body).not.toContain('networks');
  });

  test('ALLOWED_HOSTS and the host of PUBLIC_BASE_URL are answered, in any letter case', async () => {
    const { url } = await dashboards.serve({ allowedHosts: ['dash.example.org'], publicBaseUrl: 'https://Act.Example.org/campaign' });
    expect((await statusFor(url, 'DASH.example.org')).status).toBe(200);
    expect((await statusFor(url, 'act.example.org:443')).status).toBe(200);
    expect((await statusFor(url, 'other.example.org')).status).toBe(421);
  });

  test('the public pages are protected the same way', async () => {
    const { url } = await dashboards.serve();
    expect((await rawRequest(`${url}/healthz`, { headers: { Host: 'evil.example' } })).status).toBe(421);
  });
});

describe('hostNameOf', () => {
  test('reads the name without port, brackets or a trailing dot, and rejects what is not a host', () => {
    expect(hostNameOf('Example.ORG:8080')).toBe('example.org');
    expect(hostNameOf('example.org.')).toBe('example.org');
    expect(hostNameOf('[::1]:80')).toBe('::1');
    expect(hostNameOf('[nothex]')).toBeNull();
    expect(hostNameOf('user@example.org')).toBeNull();
    expect(hostNameOf('')).toBeNull();
  });
});
