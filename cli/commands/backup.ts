// `jobquality backup <file>` and `jobquality restore <file>`: a consistent copy of the database taken
// while the collector runs, and putting one back (the current database is kept beside it).
import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs';
import type { Command } from 'commander';
import { CollectorBusyError } from '../../collector/collector-lock.js';
import { backupDatabase, inspectDatabaseFile } from '../../db/backup.js';
import { getCollectorLease, type CollectorLease } from '../../db/collector-lease.js';
import { openDatabase } from '../../db/connection.js';
import { createRuntime } from '../runtime.js';

const stamp = (ms: number) => new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');

export function registerBackup(program: Command): void {
  program
    .command('backup')
    .description('Write a consistent copy of the database to <file>, safely while the collector is running')
    .argument('<file>', 'where to write the backup (must not exist yet)')
    .addHelpText('after', '\nThe copy is checked (SQLite integrity check) before it gets its name. Put it back with `jobquality restore <file>`.')
    .action(async (file: string) => {
      const runtime = createRuntime(process.env, { readonly: true });
      try {
        const summary = await backupDatabase(runtime.db(), file);
        process.stdout.write(
          `Backed up ${runtime.config.databaseFile} to ${summary.file}: ${summary.posts} posts, ${summary.runs} runs, schema version ${summary.schemaVersion}, ${(summary.bytes / 1_048_576).toFixed(1)} MB\n`,
        );
      } finally {
        runtime.close();
      }
    });

  program
    .command('restore')
    .description('Replace the database with a backup made by `jobquality backup` (stop the collector first)')
    .argument('<file>', 'the backup file')
    .addHelpText(
      'after',
      '\nThe backup is checked first; the current database is kept as <JOBQUALITY_DB>.before-restore-<time> (with its -wal/-shm).\n' +
        'Stop every jobquality process using the database first (start, collect, serve); restore refuses while a collector holds it.',
    )
    .action((file: string) => {
      const runtime = createRuntime();
      const target = runtime.config.databaseFile;
      const checked = inspectDatabaseFile(file);
      const now = Date.now();
      const lease = currentLease(target);
      if (lease && lease.expiresAt > now) throw new CollectorBusyError(lease, now);
      const partial = `${target}.restoring`;
      copyFileSync(file, partial);
      const keptAs = `${target}.before-restore-${stamp(now)}`;
      if (existsSync(target)) {
        renameSync(target, keptAs);
        // The old write-ahead log belongs to the old file: left in place it would be replayed into the restored one.
        for (const suffix of ['-wal', '-shm']) if (existsSync(target + suffix)) renameSync(target + suffix, keptAs + suffix);
      }
      try {
        renameSync(partial, target);
      } catch (error) {
        rmSync(partial, { force: true });
        throw error;
      }
      // Brings an older backup up to this version's schema, in WAL mode like any live database.
      openDatabase(target).close();
      process.stdout.write(
        `Restored ${file} into ${target}: ${checked.posts} posts, ${checked.runs} runs` +
          (existsSync(keptAs) ? `; the previous database is kept as ${keptAs}` : '') +
          '\n',
      );
    });
}

/** The lease in the database being replaced; none when it has no lease table or cannot be read (a damaged file is what restores are for). */
function currentLease(file: string): CollectorLease | undefined {
  if (!existsSync(file)) return undefined;
  let db;
  try {
    db = openDatabase(file, { readonly: true });
  } catch {
    return undefined;
  }
  try {
    return getCollectorLease(db);
  } catch {
    return undefined;
  } finally {
    db.close();
  }
}
