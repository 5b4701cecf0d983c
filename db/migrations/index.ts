// The ordered list of schema versions. Append only: never edit a migration that has shipped.
import { up as v1 } from './001-initial-schema.js';

export interface Migration {
  version: number;
  name: string;
  up: string;
}

export const MIGRATIONS: readonly Migration[] = [{ version: 1, name: 'initial schema', up: v1 }];
