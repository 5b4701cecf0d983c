// What every command needs, built once from the environment: configuration, logger, database.
import { isWritableDatabase, openDatabase, type Db } from '../db/connection.js';
import { createLogger, type Logger } from '../core/logger.js';
import { loadConfig, type Config } from './config.js';

export interface Runtime {
  config: Config;
  log: Logger;
  /** Opens the database on first use, so `--help` and config errors never touch the disk. */
  db(): Db;
  close(): void;
}

/**
 * `readonly`: commands that only read open the database read-only, so they work on a read-only
 * folder: `true` always (export), `'when-not-writable'` when this user cannot write the file and its
 * folder (serve, which otherwise writes share clicks).
 */
export function createRuntime(env: NodeJS.ProcessEnv = process.env, options: { readonly?: boolean | 'when-not-writable' } = {}): Runtime {
  const config = loadConfig(env);
  const log = createLogger({ level: config.log.level, format: config.log.format });
  let db: Db | undefined;
  return {
    config,
    log,
    db() {
      if (db) return db;
      const readonly = options.readonly === 'when-not-writable' ? !isWritableDatabase(config.databaseFile) : (options.readonly ?? false);
      if (readonly && options.readonly === 'when-not-writable') {
        log.warn({ database: config.databaseFile }, 'the database is not writable by this user: serving it read-only (share clicks are not counted)');
      }
      db = openDatabase(config.databaseFile, { readonly });
      return db;
    },
    close() {
      db?.close();
      db = undefined;
    },
  };
}
