// Reads and validates the environment once per process; everything else receives typed options.
import { basename, dirname, extname, join, resolve } from 'node:path';
import cron from 'node-cron';
import { IANAZone } from 'luxon';
import { z } from 'zod';
import { normalizeHashtag } from '../core/hashtags.js';
import { parseQuietHours, type QuietHours } from '../core/surge-detection.js';

export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly problems: string[]) {
    super(`Configuration problem${problems.length > 1 ? 's' : ''}:\n${problems.map((p) => `  - ${p}`).join('\n')}\nSee README.md "Configuration" for every variable and its default.`);
  }
}

const UNITS_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/** Parses "1h,1d,7d,30d" into ascending millisecond offsets. */
export function parseRefreshSchedule(value: string): number[] {
  const offsets = value
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const match = /^(\d+)\s*([mhd])$/.exec(part);
      if (!match) throw new Error(`"${part}" is not a duration like 90m, 1h or 7d`);
      return Number(match[1]) * UNITS_MS[match[2]!]!;
    });
  return [...new Set(offsets)].sort((a, b) => a - b);
}

const optionalText = z
  .string()
  .optional()
  .transform((value) => (value?.trim() ? value.trim() : null));

const cronExpression = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .refine((value) => cron.validate(value), { message: 'is not a valid cron expression (five or six fields, e.g. "*/15 * * * *")' });

const url = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .refine((value) => URL.canParse(value) && /^https?:$/.test(new URL(value).protocol), { message: 'must be an http(s) URL' })
    .transform((value) => value.replace(/\/+$/, ''));

/** What is wrong with an SMTP_URL, in words that never repeat it (it may hold a password); null when usable. */
export function smtpUrlProblem(value: string): string | null {
  const shape = 'must look like smtps://user:password@mail.example.org:465 or smtp://mail.example.org:587 (percent-encode @ : / in the user name and password)';
  if (!URL.canParse(value)) return `is not a URL: it ${shape}`;
  const parsed = new URL(value);
  if (parsed.protocol !== 'smtp:' && parsed.protocol !== 'smtps:') return `must use smtp:// or smtps://; it ${shape}`;
  if (parsed.hostname === '') return `names no mail server; it ${shape}`;
  if (parsed.password !== '' && parsed.username === '') return `has a password without a user name; it ${shape}`;
  return null;
}

/** "server=token,…": a bare host means https; a token never contains a comma. */
function parseServerTokens(value: string, ctx: z.RefinementCtx): Array<{ server: string; token: string }> {
  return value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
    .flatMap((item, index) => {
      const at = item.indexOf('=');
      const server = at === -1 ? '' : item.slice(0, at).trim();
      const token = at === -1 ? '' : item.slice(at + 1).trim();
      const full = /^https?:\/\//.test(server) ? server : `https://${server}`;
      // The token itself never goes into a message.
      if (!server || !token || !URL.canParse(full)) {
        ctx.addIssue({ code: 'custom', message: `entry ${index + 1} is not server=token (for example mastodon.social=abc123)` });
        return [];
      }
      return [{ server: full.replace(/\/+$/, ''), token }];
    });
}

const duration = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value, ctx) => {
      const match = /^\s*(\d+)\s*([mhd])\s*$/.exec(value);
      if (!match) {
        ctx.addIssue({ code: 'custom', message: 'is not a duration like 90m, 3h or 1d' });
        return z.NEVER;
      }
      return Number(match[1]) * UNITS_MS[match[2]!]!;
    });

const wholeNumber = z.coerce.number().int({ message: 'must be a whole number' }).min(0, { message: 'must be 0 or more' });

/** A comma list of hashtags: `#` optional, matched case-insensitively (TRACK_HASHTAGS, COMPARE_HASHTAGS). */
const hashtagList = (fallback: string) =>
  z
    .string()
    .default(fallback)
    .transform((value) => [...new Set(value.split(',').map(normalizeHashtag).filter(Boolean))])
    .refine((tags) => tags.every((tag) => /^[\p{L}\p{N}_]+$/u.test(tag)), { message: 'hashtags may contain only letters, digits and _' });

const EnvSchema = z.object({
  JOBQUALITY_DB: z.string().default('./data/jobquality.db'),
  TRACK_HASHTAGS: hashtagList('jobquality').refine((tags) => tags.length > 0, { message: 'must name at least one hashtag' }),
  COMPARE_HASHTAGS: hashtagList(''),
  AMPLIFIER_ACCOUNTS_FILE: optionalText,
  COLLECT_CRON: cronExpression('*/15 * * * *'),
  REFRESH_SCHEDULE: z
    .string()
    .default('1h,1d,7d,30d')
    .transform((value, ctx) => {
      try {
        return parseRefreshSchedule(value);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: (error as Error).message });
        return z.NEVER;
      }
    }),
  TZ_REPORTS: z
    .string()
    .default('America/New_York')
    .refine((zone) => IANAZone.isValidZone(zone), { message: 'is not an IANA time zone such as America/New_York or Europe/London' }),
  X_BEARER_TOKEN: optionalText,
  X_API_BASE_URL: url('https://api.x.com'),
  X_COST_PER_POST_READ: z.coerce.number().min(0, { message: 'must be 0 or more' }).default(0.005),
  X_MONTHLY_READ_BUDGET: wholeNumber.optional().transform((value) => value ?? null),
  RATE_LIMIT_MAX_WAIT_SECONDS: wholeNumber.default(300),
  MASTODON_INSTANCES: z
    .string()
    .default('mastodon.social')
    .transform((value) => value.split(',').map((item) => item.trim()).filter(Boolean))
    .transform((items, ctx) =>
      items.map((item) => {
        const full = /^https?:\/\//.test(item) ? item : `https://${item}`;
        if (!URL.canParse(full)) ctx.addIssue({ code: 'custom', message: `"${item}" is not a host name or URL` });
        return full.replace(/\/+$/, '');
      }),
    ),
  MASTODON_TOKEN: optionalText,
  BLUESKY_HANDLE: optionalText,
  BLUESKY_APP_PASSWORD: optionalText,
  BLUESKY_SERVICE: url('https://bsky.social'),
  HOST: z.string().default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535, { message: 'must be a port number (0-65535)' }).default(8080),
  PUBLIC_BASE_URL: optionalText.superRefine((value, ctx) => {
    const problem = value === null ? null : publicBaseUrlProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }).transform((value) => value?.replace(/\/+$/, '') ?? null),
  REPORT_CRON: cronExpression('0 8 * * 1'),
  REPORTS_DIR: z.string().default('./data/reports'),
  SMTP_URL: optionalText.superRefine((value, ctx) => {
    // The message never repeats the value: it may hold the SMTP password.
    const problem = value === null ? null : smtpUrlProblem(value);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
  REPORT_RECIPIENTS: optionalText.transform((value) => (value ? value.split(',').map((item) => item.trim()).filter(Boolean) : [])),
  REPORT_FROM: z.string().default('jobquality-tracker <reports@localhost>'),
  SHAREABLES_FILE: z.string().default('shareables/sample-content.yaml'),
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
  LOG_FORMAT: z.enum(['pretty', 'json']).default('pretty'),
  HTTP_REQUEST_TIMEOUT_SECONDS: z.coerce.number().positive({ message: 'must be a number of seconds above 0' }).max(600, { message: 'must be at most 600' }).default(30),
  HTTP_MAX_RESPONSE_MB: z.coerce.number().positive({ message: 'must be a number of megabytes above 0' }).max(1024, { message: 'must be at most 1024' }).default(4),
  COLLECT_RUN_DEADLINE_MINUTES: z.coerce.number().positive({ message: 'must be a number of minutes above 0' }).max(1440, { message: 'must be at most 1440 (a day)' }).default(10),
  MASTODON_TOKENS: z
    .string()
    .optional()
    .transform((value, ctx) => (value ? parseServerTokens(value, ctx) : [])),
  BLUESKY_SESSION_FILE: optionalText,
  LATE_ARRIVAL_WINDOW: duration('3h'),
  DASHBOARD_TOKEN: optionalText.refine((value) => value === null || value.length >= 16, {
    message: 'must be at least 16 characters (for example the output of `openssl rand -base64 32`)',
  }),
  ALLOWED_HOSTS: optionalText.transform((value, ctx) =>
    (value ?? '')
      .split(',')
      .map((item) => item.trim().toLowerCase().replace(/\.$/, ''))
      .filter(Boolean)
      .map((item) => {
        if (!/^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$/.test(item)) {
          ctx.addIssue({ code: 'custom', message: `"${item}" is not a host name: list names only, without scheme, port or path (e.g. track.example.org)` });
        }
        return item;
      }),
  ),
  PUBLIC_HOST: optionalText,
  PUBLIC_PORT: z.coerce.number({ error: 'must be a port number (0-65535)' }).int({ error: 'must be a port number (0-65535)' }).min(0).max(65535, { message: 'must be a port number (0-65535)' }).optional().transform((value) => value ?? null),
  TRUST_PROXY: z.coerce.number({ error: 'must be a whole number (how many reverse proxies are in front)' }).int({ message: 'must be a whole number' }).min(0, { message: 'must be 0 or more' }).max(10, { message: 'must be at most 10' }).default(0),
  ALERT_RECIPIENTS: optionalText.transform((value) => (value ? value.split(',').map((item) => item.trim()).filter(Boolean) : null)),
  ALERT_WEBHOOK_URL: optionalText.refine((value) => value === null || (URL.canParse(value) && /^https?:$/.test(new URL(value).protocol)), {
    message: 'must be an http(s) URL (the incoming webhook of Slack, Teams or Mattermost)',
  }),
  ALERT_QUIET_HOURS: optionalText.transform((value, ctx) => {
    if (value === null) return null;
    try {
      return parseQuietHours(value);
    } catch (error) {
      ctx.addIssue({ code: 'custom', message: (error as Error).message });
      return z.NEVER;
    }
  }),
  ALERT_MAX_PER_DAY: wholeNumber.default(3),
  ALERT_BASELINE_WEEKS: z.coerce.number().int({ message: 'must be a whole number' }).min(3, { message: 'must be 3 or more' }).max(52, { message: 'must be 52 or fewer' }).default(6),
});

/** Why a PUBLIC_BASE_URL cannot be used in share links, or null: only plain http(s) addresses reach supporters' browsers. */
export function publicBaseUrlProblem(value: string): string | null {
  const example = 'an http:// or https:// address such as https://track.example.org';
  if (!URL.canParse(value)) return `must be ${example}`;
  const url = new URL(value);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return `must be ${example}, not a ${url.protocol} URL`;
  if (url.username || url.password) return 'must not contain a user name or password';
  if (url.search || url.hash || value.includes('?') || value.includes('#')) return 'must not have a query (?…) or fragment (#…): share links are added after its path';
  return null;
}

export interface Config {
  databaseFile: string;
  hashtags: string[];
  /** Share-of-voice comparators (COMPARE_HASHTAGS): collected apart, never in the campaign's numbers. */
  compareHashtags: string[];
  /** AMPLIFIER_ACCOUNTS_FILE: one person's accounts across networks, counted once; null when unset. */
  amplifierAccountsFile: string | null;
  collectCron: string;
  refreshOffsetsMs: number[];
  reportTimeZone: string;
  rateLimitMaxWaitMs: number;
  x: { bearerToken: string | null; baseUrl: string; costPerPostRead: number; monthlyReadBudget: number | null };
  mastodon: {
    instances: string[];
    token: string | null;
    /** Per-server tokens (MASTODON_TOKENS), by server base URL as in `instances`. */
    tokens: Record<string, string>;
    /** How far back each pass re-reads a timeline for statuses federated late. */
    lateArrivalWindowMs: number;
  };
  bluesky: {
    handle: string | null;
    appPassword: string | null;
    service: string;
    /** Where the session is kept between runs and processes (owner-only); null keeps it in memory. */
    sessionFile: string | null;
    /** How far back each pass re-reads search for posts indexed late. */
    lateArrivalWindowMs: number;
  };
  server: { host: string; port: number; publicBaseUrl: string | null };
  reports: { cron: string; dir: string; smtpUrl: string | null; recipients: string[]; from: string };
  shareablesFile: string;
  log: { level: string; format: 'pretty' | 'json' };
  /** Limits that keep one stuck or misbehaving network from holding a run (issue 13). */
  collection: { requestTimeoutMs: number; maxResponseBytes: number; runDeadlineMs: number };
  /** Who may reach the dashboard, and the public pages' own listener (SECURITY.md). */
  access: { token: string | null; allowedHosts: string[]; trustProxyHops: number; publicHost: string; publicPort: number | null };
  /** Alerts on unusual hours; recipients fall back to REPORT_RECIPIENTS. */
  alerts: { recipients: string[]; webhookUrl: string | null; quietHours: QuietHours | null; maxPerDay: number; baselineWeeks: number };
}

/** Validates `env` and returns the typed configuration, or throws a ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Treat empty strings as unset, except where "empty" has a meaning of its own.
  const cleaned = Object.fromEntries(
    Object.entries(env).filter(([key, value]) => value !== undefined && (value.trim() !== '' || key === 'MASTODON_INSTANCES')),
  );
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const variable = String(issue.path[0] ?? '?');
        const given = cleaned[variable];
        return `${variable} ${issue.message}${given !== undefined && !/TOKEN|PASSWORD|SMTP_URL|WEBHOOK/.test(variable) ? ` (got "${given}")` : ''}`;
      }),
    );
  }
  const e = parsed.data;
  const hostOf = (base: string) => new URL(base).host.toLowerCase();
  const tokens: Record<string, string> = {};
  const problems: string[] = [];
  for (const { server, token } of e.MASTODON_TOKENS) {
    const watched = e.MASTODON_INSTANCES.find((instance) => hostOf(instance) === hostOf(server));
    // A token for a server that is not watched is a typo or a leftover: say so rather than ignore it.
    if (!watched) problems.push(`MASTODON_TOKENS names ${hostOf(server)}, which is not in MASTODON_INSTANCES (add it there or remove its token)`);
    else tokens[watched] = token;
  }
  const tracked = e.COMPARE_HASHTAGS.filter((tag) => e.TRACK_HASHTAGS.includes(tag));
  if (tracked.length > 0) problems.push(`COMPARE_HASHTAGS names ${tracked.map((tag) => `#${tag}`).join(', ')}, which TRACK_HASHTAGS tracks: a comparator is another conversation`);
  if (problems.length > 0) throw new ConfigError(problems);
  const databaseFile = e.JOBQUALITY_DB === ':memory:' ? e.JOBQUALITY_DB : resolve(e.JOBQUALITY_DB);
  if (e.PUBLIC_PORT !== null && e.PUBLIC_PORT !== 0 && e.PUBLIC_PORT === e.PORT) {
    throw new ConfigError([`PUBLIC_PORT must differ from PORT (both are ${e.PORT}): the public pages get a listener of their own`]);
  }
  return {
    databaseFile,
    hashtags: e.TRACK_HASHTAGS,
    compareHashtags: e.COMPARE_HASHTAGS,
    amplifierAccountsFile: e.AMPLIFIER_ACCOUNTS_FILE === null ? null : resolve(e.AMPLIFIER_ACCOUNTS_FILE),
    collectCron: e.COLLECT_CRON,
    refreshOffsetsMs: e.REFRESH_SCHEDULE,
    reportTimeZone: e.TZ_REPORTS,
    rateLimitMaxWaitMs: e.RATE_LIMIT_MAX_WAIT_SECONDS * 1000,
    x: {
      bearerToken: e.X_BEARER_TOKEN,
      baseUrl: e.X_API_BASE_URL,
      costPerPostRead: e.X_COST_PER_POST_READ,
      monthlyReadBudget: e.X_MONTHLY_READ_BUDGET,
    },
    mastodon: { instances: e.MASTODON_INSTANCES, token: e.MASTODON_TOKEN, tokens, lateArrivalWindowMs: e.LATE_ARRIVAL_WINDOW },
    bluesky: {
      handle: e.BLUESKY_HANDLE,
      appPassword: e.BLUESKY_APP_PASSWORD,
      service: e.BLUESKY_SERVICE,
      // Beside the database and named after it (the demo's database has its own); an in-memory
      // database keeps the session in memory too.
      sessionFile: e.BLUESKY_SESSION_FILE
        ? resolve(e.BLUESKY_SESSION_FILE)
        : databaseFile === ':memory:'
          ? null
          : join(dirname(databaseFile), `${basename(databaseFile, extname(databaseFile))}.bluesky-session.json`),
      lateArrivalWindowMs: e.LATE_ARRIVAL_WINDOW,
    },
    server: { host: e.HOST, port: e.PORT, publicBaseUrl: e.PUBLIC_BASE_URL },
    reports: { cron: e.REPORT_CRON, dir: resolve(e.REPORTS_DIR), smtpUrl: e.SMTP_URL, recipients: e.REPORT_RECIPIENTS, from: e.REPORT_FROM },
    shareablesFile: resolve(e.SHAREABLES_FILE),
    log: { level: e.LOG_LEVEL, format: e.LOG_FORMAT },
    collection: {
      requestTimeoutMs: Math.round(e.HTTP_REQUEST_TIMEOUT_SECONDS * 1000),
      maxResponseBytes: Math.round(e.HTTP_MAX_RESPONSE_MB * 1_048_576),
      runDeadlineMs: Math.round(e.COLLECT_RUN_DEADLINE_MINUTES * 60_000),
    },
    access: { token: e.DASHBOARD_TOKEN, allowedHosts: e.ALLOWED_HOSTS, trustProxyHops: e.TRUST_PROXY, publicHost: e.PUBLIC_HOST ?? e.HOST, publicPort: e.PUBLIC_PORT },
    alerts: {
      recipients: e.ALERT_RECIPIENTS ?? e.REPORT_RECIPIENTS,
      webhookUrl: e.ALERT_WEBHOOK_URL,
      quietHours: e.ALERT_QUIET_HOURS,
      maxPerDay: e.ALERT_MAX_PER_DAY,
      baselineWeeks: e.ALERT_BASELINE_WEEKS,
    },
  };
}
