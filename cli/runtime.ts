// What every command needs, built once from the environment: configuration, logger, database.
import { openDatabase, type Db } from '../db/connection.js';
import { createLogger, type Logger } from '../core/logger.js';
import { loadConfig, type Config } from './config.js';

export interface Runtime {
  config: Config;
  log: Logger;
  /** Opens the database on first use, so `--help` and config errors never touch the disk. */
  db(): Db;
  close(): void;
}

export function createRuntime(env: NodeJS.ProcessEnv = process.env): Runtime {
  const config = loadConfig(env);
  const log = createLogger({ level: config.log.level, format: config.log.format });
  let db: Db | undefined;
  return {
    config,
    log,
    db() {
      db ??= openDatabase(config.databaseFile);
      return db;
    },
    close() {
      db?.close();
      db = undefined;
    },
  };
}
