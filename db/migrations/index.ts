// The ordered list of schema versions. Append only: never edit a migration that has shipped.
import { up as v1 } from './001-initial-schema.js';
import { up as v2 } from './002-analytics-rollups.js';
import { up as v3 } from './003-shareable-adoption.js';
import { up as v4 } from './004-hashtag-rollup.js';
import { up as v5 } from './005-contributor-index.js';
import { up as v6 } from './006-x-reposts-and-usage-cap.js';
import { up as v7 } from './007-unavailable-posts.js';
import { up as v8 } from './008-collector-lease.js';
import { up as v9 } from './009-share-copies.js';
import { up as v10 } from './010-change-counters.js';
import { rebuild as v12Rebuild, up as v12 } from './012-network-checks-in-code.js';
import { up as v13 } from './013-stored-settings.js';
import { up as v14 } from './014-change-log.js';
import { up as v15 } from './015-alerts.js';
import { up as v16 } from './016-share-of-voice-and-amplifiers.js';
import { up as v17 } from './017-lighter-write-path.js';
import { rebuild as v18Rebuild, up as v18 } from './018-comparator-change-log.js';
import { up as v19 } from './019-insert-free-change-counters.js';
import type { TableRebuild } from './rebuild-table.js';

export interface Migration {
  version: number;
  name: string;
  up: string;
  /**
   * Tables rebuilt after `up` runs (db/migrations/rebuild-table.ts): the runner turns foreign keys off
   * for the transaction and runs `PRAGMA foreign_key_check` before it commits.
   */
  rebuild?: readonly TableRebuild[];
}

// Version 11 was never used: the number was released while several changes were made in parallel.
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial schema', up: v1 },
  { version: 2, name: 'analytics rollups', up: v2 },
  { version: 3, name: 'shareable adoption', up: v3 },
  { version: 4, name: 'hashtag rollup', up: v4 },
  { version: 5, name: 'contributor index', up: v5 },
  { version: 6, name: 'x reposts and usage cap', up: v6 },
  { version: 7, name: 'unavailable posts and counts source', up: v7 },
  { version: 8, name: 'collector lease', up: v8 },
  { version: 9, name: 'share copies', up: v9 },
  { version: 10, name: 'change counters', up: v10 },
  { version: 12, name: 'network checks in code', up: v12, rebuild: v12Rebuild },
  { version: 13, name: 'stored settings', up: v13 },
  { version: 14, name: 'change log', up: v14 },
  { version: 15, name: 'alerts', up: v15 },
  { version: 16, name: 'share of voice and amplifiers', up: v16 },
  { version: 17, name: 'lighter write path', up: v17 },
  { version: 18, name: 'comparator change log', up: v18, rebuild: v18Rebuild },
  { version: 19, name: 'insert-free change counters', up: v19 },
];
