// A command run in-process against an environment of its own: a temporary folder for its database
// and files, the variables the test sets, and all of it (and any spies) undone after each test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, vi } from 'vitest';

/** Call at the top of a test file: before each test, a fresh folder and `variables(folder)` set in process.env. */
export function commandEnvironmentPerTest(prefix: string, variables: (folder: string) => Record<string, string>): { folder(): string } {
  let folder: string | null = null;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), prefix));
    for (const [name, value] of Object.entries(variables(folder))) vi.stubEnv(name, value);
  });
  afterEach(() => {
    vi.restoreAllMocks();
    vi.unstubAllEnvs();
    if (folder) rmSync(folder, { recursive: true, force: true });
    folder = null;
  });
  return {
    folder() {
      if (!folder) throw new Error('the command environment exists only while a test runs');
      return folder;
    },
  };
}
