// A fresh temporary folder for each test of a file, removed with everything in it after the test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'vitest';

/** Call at the top level of a test file; the returned function gives the running test's folder. */
export function tempFolderPerTest(prefix: string): () => string {
  let folder: string | null = null;
  beforeEach(() => {
    folder = mkdtempSync(join(tmpdir(), prefix));
  });
  afterEach(() => {
    if (folder) rmSync(folder, { recursive: true, force: true });
    folder = null;
  });
  return () => {
    if (!folder) throw new Error('tempFolderPerTest: the folder exists only while a test runs');
    return folder;
  };
}
