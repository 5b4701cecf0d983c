// `jobquality report weekly` in-process on a seeded database file: which files it writes, what it
// prints, and how it refuses a week that has not ended or a format it does not know.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { DateTime } from 'luxon';
import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { registerReport } from '../../cli/commands/report.js';
import { FutureWeekError } from '../../reports/iso-week.js';
import { seedDatabase } from '../helpers/seed-database.js';
import { captureProcessOutput } from '../helpers/capture-output.js';

const NY = 'America/New_York';
let dir: string;
let stdout: string[];
let stderr: string[];

async function jobquality(...args: string[]): Promise<void> {
  const program = new Command('jobquality').exitOverride().configureOutput({
    writeOut: (text) => stdout.push(text),
    writeErr: (text) => stderr.push(text),
  });
  registerReport(program);
  await program.parseAsync(args, { from: 'user' });
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'jq-report-cli-'));
  // Two weeks of campaign ending now, so "the last complete week" has posts whatever today is.
  seedDatabase({ file: join(dir, 'jq.db'), now: Date.now() }).db.close();
  vi.stubEnv('JOBQUALITY_DB', join(dir, 'jq.db'));
  vi.stubEnv('TRACK_HASHTAGS', 'jobquality,fairwork');
  vi.stubEnv('TZ_REPORTS', NY);
  vi.stubEnv('REPORTS_DIR', join(dir, 'reports'));
  vi.stubEnv('SMTP_URL', '');
  // No network is asked whether the top posts still exist: tests never leave the machine.
  vi.stubEnv('MASTODON_INSTANCES', '');
  vi.stubEnv('REPORT_RECIPIENTS', '');
  vi.stubEnv('LOG_LEVEL', 'silent');
  stdout = captureProcessOutput().out;
  stderr = [];
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  rmSync(dir, { recursive: true, force: true });
});

/** The ISO week before the current one in New York, worked out here independently. */
function lastWeekLabel(): string {
  const lastWeek = DateTime.now().setZone(NY).minus({ weeks: 1 });
  return `${lastWeek.weekYear}-W${String(lastWeek.weekNumber).padStart(2, '0')}`;
}

describe('report weekly command', () => {
  test('without options it writes all three formats for the last complete week into REPORTS_DIR', async () => {
    await jobquality('report', 'weekly');
    const week = lastWeekLabel();
    expect(readdirSync(join(dir, 'reports')).sort()).toEqual([`${week}.html`, `${week}.json`, `${week}.md`]);
    const json = JSON.parse(readFileSync(join(dir, 'reports', `${week}.json`), 'utf8'));
    expect(json.week.label).toBe(week);
    expect(json.empty).toBe(false);
    expect(stdout.join('')).toContain(`Weekly report for ${week}`);
    expect(stdout.join('')).toContain(join(dir, 'reports', `${week}.html`));
  });

  test('--week, --format and --out choose the week, the formats and the folder', async () => {
    const week = lastWeekLabel();
    const out = join(dir, 'elsewhere');
    await jobquality('report', 'weekly', '--week', week, '--format', 'md', '--format', 'json,html', '--out', out);
    expect(readdirSync(out).sort()).toEqual([`${week}.html`, `${week}.json`, `${week}.md`]);
    await jobquality('report', 'weekly', '--week', week, '--format', 'md', '--out', join(dir, 'md-only'));
    expect(readdirSync(join(dir, 'md-only'))).toEqual([`${week}.md`]);
    expect(stdout.join('')).toContain(join(dir, 'md-only', `${week}.md`));
  });

  test('--week with the week in progress writes a week-to-date report labelled as such', async () => {
    const now = DateTime.now().setZone(NY);
    const label = `${now.weekYear}-W${String(now.weekNumber).padStart(2, '0')}`;
    await jobquality('report', 'weekly', '--week', label, '--format', 'json,html');
    const json = JSON.parse(readFileSync(join(dir, 'reports', `${label}.json`), 'utf8'));
    expect(json.week).toMatchObject({ label, complete: false });
    expect(Date.parse(json.week.through)).toBeLessThanOrEqual(Date.now());
    expect(readFileSync(join(dir, 'reports', `${label}.html`), 'utf8')).toContain('Week to date.');
    expect(stdout.join('')).toContain(`Week-to-date report for ${label}`);
  });

  test('a week that has not started is refused with a clear message and nothing is written', async () => {
    const nextWeek = DateTime.now().setZone(NY).plus({ weeks: 1 });
    const label = `${nextWeek.weekYear}-W${String(nextWeek.weekNumber).padStart(2, '0')}`;
    const failure = jobquality('report', 'weekly', '--week', label);
    await expect(failure).rejects.toThrow(FutureWeekError);
    await expect(failure).rejects.toThrow(`${label} has not started yet`);
    expect(() => readdirSync(join(dir, 'reports'))).toThrow(/ENOENT/);
  });

  test('an unknown format is refused, naming the formats there are', async () => {
    const failure = jobquality('report', 'weekly', '--format', 'pdf');
    await expect(failure).rejects.toBeInstanceOf(CommanderError);
    expect(stderr.join('')).toContain('"pdf" is not a report format; use html, md, json');
  });

  test('--email without SMTP settings is refused before anything is written', async () => {
    await expect(jobquality('report', 'weekly', '--email')).rejects.toThrow('--email needs SMTP_URL and REPORT_RECIPIENTS');
    expect(() => readdirSync(join(dir, 'reports'))).toThrow(/ENOENT/);
  });
});
