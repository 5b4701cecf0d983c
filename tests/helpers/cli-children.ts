// For test files that run `jobquality` as child processes: the CLI is compiled once before the
// file's tests, and no child a test started outlives it.
import { beforeAll } from 'vitest';
import { BUILD_TIMEOUT_MS, buildCli, type CliProcess } from './cli-process.js';

/** Compiles the CLI before the file's tests (call at the top level of a test file). */
export function buildCliBeforeAll(): void {
  beforeAll(() => {
    buildCli();
  }, BUILD_TIMEOUT_MS);
}

/** Kills every child in `children` still running and empties the list (call first in afterEach). */
export function killLeftoverChildren(children: CliProcess[]): void {
  for (const { child } of children.splice(0)) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
}
