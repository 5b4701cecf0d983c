// Writes the action page to a folder all at once: built in a temporary folder beside it and
// renamed into place, so the folder is either the old page or the complete new one.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { OutputFolderError } from '../errors.js';
import type { PageFile } from './build-action-page.js';

/** The whole folder is replaced, so it must be new, empty, or a page an earlier build wrote. */
function assertReplaceable(target: string): void {
  if (!existsSync(target)) return;
  if (!statSync(target).isDirectory()) throw new OutputFolderError(target, 'it is a file, not a folder');
  const entries = readdirSync(target);
  if (entries.length > 0 && !(entries.includes('index.html') && entries.includes('posts.json'))) {
    throw new OutputFolderError(target, 'the folder has other files in it (it is replaced as a whole)');
  }
}

/**
 * Writes `files` (paths relative to the page folder) to `outDir`, replacing an earlier page there.
 * Refuses (OutputFolderError) a folder holding anything else. Returns the absolute folder.
 */
export function writeActionPage(outDir: string, files: ReadonlyMap<string, PageFile>): string {
  const target = resolve(outDir);
  assertReplaceable(target);
  const parent = dirname(target);
  mkdirSync(parent, { recursive: true });
  // Beside the target, so the final rename stays on one file system.
  const staging = mkdtempSync(join(parent, `.${basename(target)}-building-`));
  try {
    for (const [path, file] of files) {
      const destination = resolve(staging, path);
      if (!destination.startsWith(staging + sep)) throw new Error(`refusing to write ${path}: it is outside the page folder`);
      mkdirSync(dirname(destination), { recursive: true });
      writeFileSync(destination, file.body);
    }
    const previous = `${staging}-previous`;
    let moved = false;
    try {
      renameSync(target, previous);
      moved = true;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    try {
      renameSync(staging, target);
    } catch (error) {
      if (moved) renameSync(previous, target);
      throw error;
    }
    if (moved) rmSync(previous, { recursive: true, force: true });
    return target;
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
}
