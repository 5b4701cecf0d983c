// Reads AMPLIFIER_ACCOUNTS_FILE once at start-up (core/amplifier-accounts.ts parses it). A missing or
// broken file is logged with every problem and the tracker goes on counting each account alone,
// as for a broken content file: a typo in the map must not stop collection.
import { readFileSync } from 'node:fs';
import { AccountMapError, parseAccountMap, type AccountMap } from '../core/amplifier-accounts.js';
import type { Logger } from '../core/logger.js';

/** The account map at `file`, or null (none configured, or unusable: then logged). */
export function loadAmplifierAccounts(file: string | null, log: Logger): AccountMap | null {
  if (file === null) return null;
  try {
    const map = parseAccountMap(readFileSync(file, 'utf8'), file);
    log.info({ file, people: map.people.length }, 'amplifier account map loaded');
    return map;
  } catch (error) {
    const reason =
      error instanceof AccountMapError
        ? error.message
        : (error as NodeJS.ErrnoException).code === 'ENOENT'
          ? `${file} (AMPLIFIER_ACCOUNTS_FILE) does not exist`
          : `${file} (AMPLIFIER_ACCOUNTS_FILE) cannot be read: ${(error as Error).message}`;
    log.error(`${reason}\nAmplifiers and share of voice count every account on its own until it is fixed (read at start-up).`);
    return null;
  }
}
