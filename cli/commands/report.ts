// `jobquality report weekly`: writes the weekly engagement summary (HTML, Markdown, JSON) for one
// ISO week, by default the last complete week in TZ_REPORTS, and optionally emails it.
import { resolve } from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { checkPostsStillExist } from '../../collector/check-posts-exist.js';
import { generateWeeklyReport } from '../../reports/generate-weekly-report.js';
import { sendReportEmail } from '../../reports/send-report-email.js';
import { REPORT_FORMATS, writeReportFiles, type ReportFormat } from '../../reports/write-report-files.js';
import { createShareableAdoptionSource } from '../../shareables/adoption-report-source.js';
import { createPostAttributionStep } from '../../shareables/attribute-collected-posts.js';
import { createShareablesLoader } from '../../shareables/campaign-shareables.js';
import { createRuntime } from '../runtime.js';
import { loadAmplifierAccounts } from '../amplifier-accounts-file.js';

/** Collects `--format` values: repeatable, each a single format or a comma list. */
function collectFormats(value: string, previous: ReportFormat[] | undefined): ReportFormat[] {
  const formats = value
    .split(',')
    .map((part) => part.trim().toLowerCase())
    .filter(Boolean);
  for (const format of formats) {
    if (!(REPORT_FORMATS as readonly string[]).includes(format)) {
      throw new InvalidArgumentError(`"${format}" is not a report format; use ${REPORT_FORMATS.join(', ')} (repeat --format or separate with commas).`);
    }
  }
  if (formats.length === 0) throw new InvalidArgumentError(`give at least one of ${REPORT_FORMATS.join(', ')}.`);
  return [...(previous ?? []), ...(formats as ReportFormat[])];
}

interface WeeklyOptions {
  week?: string;
  format?: ReportFormat[];
  out?: string;
  email?: boolean;
}

/** Adds `report weekly` to the program. */
export function registerReport(program: Command): void {
  const report = program.command('report').description('Write campaign reports');
  report
    .command('weekly')
    .description('Write the weekly engagement summary for one ISO week (Monday to Sunday in TZ_REPORTS)')
    .option('--week <YYYY-Www>', 'the ISO week, e.g. 2026-W44 (default: the last complete week in TZ_REPORTS); the week in progress gives a week-to-date report')
    .option('--format <formats>', `output format: ${REPORT_FORMATS.join(', ')}; repeat or comma-separate (default: all three)`, collectFormats)
    .option('--out <dir>', 'folder to write into (default: REPORTS_DIR)')
    .option('--email', 'also email the report to REPORT_RECIPIENTS through SMTP_URL')
    .addHelpText(
      'after',
      '\nFiles are named YYYY-Www.html, .md and .json. The week in progress is reported so far (labelled "week to date"),\n' +
        'compared with the week before up to the same day and time; a week that has not started is refused.\n' +
        'Example: jobquality report weekly --week 2026-W44 --format html,md --out ./out',
    )
    .action(async (opts: WeeklyOptions) => {
      const runtime = createRuntime();
      try {
        const { config, log } = runtime;
        const { smtpUrl, recipients, from } = config.reports;
        if (opts.email && (!smtpUrl || recipients.length === 0)) {
          throw new Error('--email needs SMTP_URL and REPORT_RECIPIENTS to be set; set both, or leave out --email to only write the files.');
        }
        const db = runtime.db();
        const loadShareables = createShareablesLoader({ file: config.shareablesFile, hashtags: config.hashtags, log });
        // Posts collected since the last attribution (or before adoption was tracked) count too.
        await createPostAttributionStep({ db, loadShareables, log }).run();
        const weekly = await generateWeeklyReport({
          db,
          week: opts.week,
          timeZone: config.reportTimeZone,
          hashtags: config.hashtags,
          log,
          shareableAdoption: createShareableAdoptionSource({ db, loadShareables }),
          moments: loadShareables()?.content.moments ?? [],
          intelligence: { compareHashtags: config.compareHashtags, accountMap: loadAmplifierAccounts(config.amplifierAccountsFile, log) },
          verifyPostsExist: (posts) => checkPostsStillExist(config, db, log, posts),
        });
        const dir = opts.out ? resolve(opts.out) : config.reports.dir;
        const files = await writeReportFiles(weekly, dir, opts.format ?? REPORT_FORMATS);
        const what = weekly.week.complete
          ? `Weekly report for ${weekly.week.label} (${weekly.week.dates}, ${weekly.week.timeZone})`
          : `Week-to-date report for ${weekly.week.label} (${weekly.week.dates}, up to now, ${weekly.week.timeZone}; the scheduled report covers the whole week)`;
        const lines = [`${what} written to:`, ...files.map((file) => `  ${file}`)];
        if (weekly.empty) lines.push('No posts were collected in this week; the report says so.');
        process.stdout.write(`${lines.join('\n')}\n`);
        if (opts.email) {
          await sendReportEmail({ smtpUrl: smtpUrl!, from, recipients, report: weekly });
          process.stdout.write(`Emailed to ${recipients.length} recipient${recipients.length === 1 ? '' : 's'}.\n`);
        }
      } finally {
        runtime.close();
      }
    });
}
