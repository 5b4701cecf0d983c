import { describe, expect, test } from 'vitest';
import { ConfigError, loadConfig, parseRefreshSchedule } from '../../cli/config.js';

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
    let error: unknown;
    try {
      loadConfig({ COLLECT_CRON: 'every hour', TZ_REPORTS: 'Mars/Olympus', X_MONTHLY_READ_BUDGET: 'lots', X_API_BASE_URL: 'ftp://x' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
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

describe('parseRefreshSchedule', () => {
  test('reads durations in minutes, hours and days in ascending order', () => {
    expect(parseRefreshSchedule('7d, 1h,30m')).toEqual([30 * 60_000, 3_600_000, 7 * 86_400_000]);
  });

  test('names the part it cannot read', () => {
    expect(() => parseRefreshSchedule('1h,soon')).toThrow('"soon" is not a duration');
  });
});
