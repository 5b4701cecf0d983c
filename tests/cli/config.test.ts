import { describe, expect, test } from 'vitest';
import { ConfigError, loadConfig, parseRefreshSchedule } from '../../cli/config.js';

/** The ConfigError that `env` draws from loadConfig (fails the test when it loads). */
function configErrorOf(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (caught) {
    expect(caught).toBeInstanceOf(ConfigError);
    return caught as ConfigError;
  }
  throw new Error(`loadConfig accepted ${JSON.stringify(env)}`);
}

describe('loadConfig', () => {
  test('an empty environment gives the documented defaults', () => {
    const config = loadConfig({});
    expect(config.hashtags).toEqual(['jobquality']);
    expect(config.databaseFile).toMatch(/data\/jobquality\.db$/);
    expect(config.collectCron).toBe('*/15 * * * *');
    expect(config.reportTimeZone).toBe('America/New_York');
    expect(config.x).toEqual({ bearerToken: null, baseUrl: 'https://api.x.com', costPerPostRead: 0.005, monthlyReadBudget: null });
    expect(config.mastodon.instances).toEqual(['https://mastodon.social']);
    expect(config.server).toMatchObject({ host: '127.0.0.1', port: 8080 });
  });

  test('hashtags are matched case-insensitively and without the # sign', () => {
    expect(loadConfig({ TRACK_HASHTAGS: '#JobQuality, GoodJobs ,jobquality' }).hashtags).toEqual(['jobquality', 'goodjobs']);
  });

  test('every bad variable is named in one error, with what was given and what is allowed', () => {
    const error = configErrorOf({ COLLECT_CRON: 'every hour', TZ_REPORTS: 'Mars/Olympus', X_MONTHLY_READ_BUDGET: 'lots', X_API_BASE_URL: 'ftp://x' });
    const message = (error as ConfigError).message;
    expect(message).toContain('COLLECT_CRON is not a valid cron expression');
    expect(message).toContain('"every hour"');
    expect(message).toContain('TZ_REPORTS is not an IANA time zone');
    expect(message).toContain('X_MONTHLY_READ_BUDGET');
    expect(message).toContain('X_API_BASE_URL must be an http(s) URL');
  });

  test('a rejected secret is never echoed back in the error', () => {
    expect(() => loadConfig({ X_BEARER_TOKEN: 'secret-token-value', SMTP_URL: 'smtp://user:hunter2@mail', PORT: 'http' })).toThrow(ConfigError);
    try {
      loadConfig({ X_BEARER_TOKEN: 'secret-token-value', PORT: 'http' });
    } catch (error) {
      expect((error as Error).message).not.toContain('secret-token-value');
    }
  });

  test('Mastodon servers may be bare hosts (https) or full URLs, and empty disables Mastodon', () => {
    expect(loadConfig({ MASTODON_INSTANCES: 'mastodon.social, http://127.0.0.1:9999/' }).mastodon.instances).toEqual([
      'https://mastodon.social',
      'http://127.0.0.1:9999',
    ]);
    expect(loadConfig({ MASTODON_INSTANCES: '' }).mastodon.instances).toEqual([]);
  });
});

describe('loadConfig: per-server Mastodon tokens, the late-arrival window and the Bluesky session file', () => {
  test('MASTODON_TOKENS gives each watched server its own token, matched by host', () => {
    const config = loadConfig({ MASTODON_INSTANCES: 'mastodon.social,https://closed.example/', MASTODON_TOKENS: 'closed.example=tok-a, https://mastodon.social=tok-b' });
    expect(config.mastodon.tokens).toEqual({ 'https://closed.example': 'tok-a', 'https://mastodon.social': 'tok-b' });
    expect(loadConfig({}).mastodon.tokens).toEqual({});
  });

  test('a token for a server that is not watched, or an entry without server=token, stops with a message that never shows a token', () => {
    for (const value of ['elsewhere.example=tok-secret-1', 'tok-secret-1']) {
      const error = configErrorOf({ MASTODON_INSTANCES: 'mastodon.social', MASTODON_TOKENS: value });
      expect((error as Error).message).toContain('MASTODON_TOKENS');
      expect((error as Error).message).not.toContain('tok-secret-1');
    }
  });

  test('LATE_ARRIVAL_WINDOW defaults to 3 hours for both fediverse networks and accepts minutes, hours or days', () => {
    expect(loadConfig({}).mastodon.lateArrivalWindowMs).toBe(3 * 3_600_000);
    expect(loadConfig({}).bluesky.lateArrivalWindowMs).toBe(3 * 3_600_000);
    expect(loadConfig({ LATE_ARRIVAL_WINDOW: '90m' }).bluesky.lateArrivalWindowMs).toBe(90 * 60_000);
    expect(() => loadConfig({ LATE_ARRIVAL_WINDOW: 'a while' })).toThrow('LATE_ARRIVAL_WINDOW is not a duration');
  });

  test('the Bluesky session file sits beside the database, named after it, unless BLUESKY_SESSION_FILE says otherwise', () => {
    expect(loadConfig({ JOBQUALITY_DB: '/srv/jq/campaign.db' }).bluesky.sessionFile).toBe('/srv/jq/campaign.bluesky-session.json');
    expect(loadConfig({ JOBQUALITY_DB: ':memory:' }).bluesky.sessionFile).toBeNull();
    expect(loadConfig({ BLUESKY_SESSION_FILE: '/run/secrets/bsky.json' }).bluesky.sessionFile).toBe('/run/secrets/bsky.json');
  });
});

describe('loadConfig alerts', () => {
  test('alerts default to the report recipients, no webhook, no quiet hours, three a day and six baseline weeks', () => {
    const config = loadConfig({ REPORT_RECIPIENTS: 'lead@example.org' });
    expect(config.alerts).toEqual({ recipients: ['lead@example.org'], webhookUrl: null, quietHours: null, maxPerDay: 3, baselineWeeks: 6 });
  });

  test('alert variables are read and a bad one is named without echoing the webhook URL', () => {
    const config = loadConfig({ ALERT_RECIPIENTS: 'a@example.org, b@example.org', ALERT_QUIET_HOURS: '22-07', ALERT_MAX_PER_DAY: '5', ALERT_WEBHOOK_URL: 'https://hooks.example.org/T1/secret' });
    expect(config.alerts).toMatchObject({ recipients: ['a@example.org', 'b@example.org'], quietHours: { from: 22, to: 7 }, maxPerDay: 5, webhookUrl: 'https://hooks.example.org/T1/secret' });
    const error = configErrorOf({ ALERT_QUIET_HOURS: 'nights', ALERT_WEBHOOK_URL: 'ftp://secret-hook', ALERT_BASELINE_WEEKS: '2' });
    const message = (error as Error).message;
    expect(message).toContain('ALERT_QUIET_HOURS "nights" is not a range of two different hours 0-23 such as 22-07');
    expect(message).toContain('ALERT_WEBHOOK_URL must be an http(s) URL');
    expect(message).toContain('ALERT_BASELINE_WEEKS must be 3 or more');
    expect(message).not.toContain('secret-hook');
  });
});

describe('parseRefreshSchedule', () => {
  test('reads durations in minutes, hours and days in ascending order', () => {
    expect(parseRefreshSchedule('7d, 1h,30m')).toEqual([30 * 60_000, 3_600_000, 7 * 86_400_000]);
  });

  test('names the part it cannot read', () => {
    expect(() => parseRefreshSchedule('1h,soon')).toThrow('"soon" is not a duration');
  });
});
