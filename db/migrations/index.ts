// The ordered list of schema versions. Append only: never edit a migration that has shipped.
import { up as v1 } from './001-initial-schema.js';
import { up as v2 } from './002-analytics-rollups.js';
import { up as v3 } from './003-shareable-adoption.js';
import { up as v4 } from './004-hashtag-rollup.js';
import { up as v5 } from './005-contributor-index.js';
import { up as v6 } from './006-change-log.js';

export interface Migration {
  version: number;
  name: string;
  up: string;
}

export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'initial schema', up: v1 },
  { version: 2, name: 'analytics rollups', up: v2 },
  { version: 3, name: 'shareable adoption', up: v3 },
  { version: 4, name: 'hashtag rollup', up: v4 },
  { version: 5, name: 'contributor index', up: v5 },
  { version: 6, name: 'change log', up: v6 },
];
