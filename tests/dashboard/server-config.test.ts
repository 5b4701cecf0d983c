// The dashboard's settings are checked at start-up like every other: PUBLIC_BASE_URL reaches
// supporters' browsers, so only plain http(s) addresses pass; the token must be long; host names
// and ports must be usable. Secrets are never echoed back.
import { describe, expect, test } from 'vitest';
import { ConfigError, loadConfig } from '../../cli/config.js';

function problemsOf(env: NodeJS.ProcessEnv): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).message;
  }
  throw new Error('the configuration was accepted');
}

describe('dashboard configuration', () => {
  test('PUBLIC_BASE_URL must be an http(s) address: javascript:, data:, ftp: and the like are refused with a clear message', () => {
    for (const value of ['javascript:alert(1)', 'JavaScript:alert(document.cookie)//https://ok.org', 'data:text/html,<script>x</script>', 'ftp://files.example.org', 'track.example.org']) {
      const message = problemsOf({ PUBLIC_BASE_URL: value });
      expect(message, value).toContain('PUBLIC_BASE_URL must be an http:// or https:// address such as https://track.example.org');
    }
  });

  test('PUBLIC_BASE_URL may not carry credentials, a query or a fragment', () => {
    expect(problemsOf({ PUBLIC_BASE_URL: 'https://user:pw@track.example.org' })).toContain('must not contain a user name or password');
    expect(problemsOf({ PUBLIC_BASE_URL: 'https://track.example.org/?x=1' })).toContain('must not have a query');
    expect(problemsOf({ PUBLIC_BASE_URL: 'https://track.example.org/#top' })).toContain('must not have a query');
  });

  test('a good PUBLIC_BASE_URL is kept without trailing slashes, and unset means none', () => {
    expect(loadConfig({ PUBLIC_BASE_URL: 'https://track.example.org/campaign/' }).server.publicBaseUrl).toBe('https://track.example.org/campaign');
    expect(loadConfig({ PUBLIC_BASE_URL: 'http://127.0.0.1:8080' }).server.publicBaseUrl).toBe('http://127.0.0.1:8080');
    expect(loadConfig({}).server.publicBaseUrl).toBeNull();
  });

  test('the defaults ask for no token, allow only loopback names and serve no public listener', () => {
    expect(loadConfig({}).access).toEqual({ token: null, allowedHosts: [], trustProxyHops: 0, publicHost: '127.0.0.1', publicPort: null });
  });

  test('the access settings are read, with PUBLIC_HOST defaulting to HOST', () => {
    const config = loadConfig({
      DASHBOARD_TOKEN: '  a-long-enough-secret-token  ',
      ALLOWED_HOSTS: 'Track.Example.org, dash.example.org.',
      TRUST_PROXY: '1',
      HOST: '0.0.0.0',
      PUBLIC_PORT: '8081',
    });
    expect(config.access).toEqual({
      token: 'a-long-enough-secret-token',
      allowedHosts: ['track.example.org', 'dash.example.org'],
      trustProxyHops: 1,
      publicHost: '0.0.0.0',
      publicPort: 8081,
    });
    expect(loadConfig({ PUBLIC_HOST: '192.0.2.10', PUBLIC_PORT: '9000' }).access.publicHost).toBe('192.0.2.10');
  });

  test('a short DASHBOARD_TOKEN is refused without being echoed', () => {
    const message = problemsOf({ DASHBOARD_TOKEN: 'hunter2' });
    expect(message).toContain('DASHBOARD_TOKEN must be at least 16 characters');
    expect(message).not.toContain('hunter2');
  });

  test('ALLOWED_HOSTS takes names only; PUBLIC_PORT must be a port other than PORT', () => {
    expect(problemsOf({ ALLOWED_HOSTS: 'https://track.example.org' })).toContain('ALLOWED_HOSTS "https://track.example.org" is not a host name');
    expect(problemsOf({ PUBLIC_PORT: '8080' })).toContain('PUBLIC_PORT must differ from PORT');
    expect(problemsOf({ PUBLIC_PORT: 'eighty' })).toContain('PUBLIC_PORT must be a port number');
    expect(problemsOf({ TRUST_PROXY: 'yes' })).toContain('TRUST_PROXY must be a whole number');
  });
});
