// The command-line examples the demo prints: each names the demo's own database (and reports
// folder), so trying one reads the simulated campaign rather than an empty ./data/jobquality.db.
// Only commands that read the database: none of them asks a network anything (a report's existence
// check would ask the real networks about simulated posts; the demo writes its reports itself).

export interface DemoCommand {
  /** What the command shows, for the line above it. */
  what: string;
  /** Arguments after `jobquality`. */
  args: string[];
}

/** The commands worth trying beside the running demo. */
export function demoCommands(): DemoCommand[] {
  return [
    { what: 'collector health, per network and problem', args: ['status'] },
    { what: 'every post as a spreadsheet', args: ['export', 'posts', '--format', 'xlsx', '--out', 'demo-posts.xlsx'] },
    { what: 'the posts as CSV for Excel or Sheets (UTF-8 with a byte-order mark)', args: ['export', 'posts', '--format', 'csv', '--out', 'demo-posts.csv'] },
  ];
}

/** One shell line: the demo's settings in front of `npx jobquality …` (paths as given, quoted when they need it). */
export function demoCommandLine(command: DemoCommand, databaseFile: string, reportsDir: string): string {
  const quote = (value: string) => (/^[\w./:=-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`);
  return [`JOBQUALITY_DB=${quote(databaseFile)}`, `REPORTS_DIR=${quote(reportsDir)}`, 'npx', 'jobquality', ...command.args.map(quote)].join(' ');
}
