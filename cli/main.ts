// The `jobquality` command line: one sub-command per file in cli/commands/.
import { Command, CommanderError } from 'commander';
import { CollectorBusyError } from '../collector/collector-lock.js';
import { ConfigError } from './config.js';
import { registerBackup } from './commands/backup.js';
import { registerCollect } from './commands/collect.js';
import { registerExport } from './commands/export.js';
import { registerReport } from './commands/report.js';
import { registerServe } from './commands/serve.js';
import { registerShareables } from './commands/shareables.js';
import { registerStart } from './commands/start.js';
import { registerStatus } from './commands/status.js';

export function buildProgram(): Command {
  const program = new Command('jobquality')
    .description('Tracks the #jobquality campaign: collects posts from X, Bluesky and Mastodon, serves the dashboard, builds shareables and reports.')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  registerStart(program);
  registerCollect(program);
  registerStatus(program);
  registerExport(program);
  registerServe(program);
  registerShareables(program);
  registerReport(program);
  registerBackup(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv, { from: 'user' });
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof ConfigError) {
      process.stderr.write(`jobquality: ${error.message}\n`);
      return 2;
    }
    if (error instanceof CollectorBusyError) {
      process.stderr.write(`jobquality: ${error.message}\n`);
      return 3;
    }
    process.stderr.write(`jobquality: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
