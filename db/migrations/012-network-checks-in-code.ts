// Version 12: network ids are checked in code against the registry (core/networks.ts), not by SQL
// CHECK constraints, so a network added there needs no schema change. The four tables that spelled
// the list are rebuilt without it (db/migrations/rebuild-table.ts); every other constraint stays.
import type { TableRebuild } from './rebuild-table.js';

const NETWORK_CHECK = /\s*CHECK\s*\(\s*network\s+IN\s*\([^)]*\)\s*\)/i;

function withoutNetworkCheck(table: string): TableRebuild {
  return {
    table,
    transform(createSql) {
      const rebuilt = createSql.replace(NETWORK_CHECK, '');
      if (rebuilt === createSql) throw new Error(`table ${table} has no CHECK on network to drop`);
      return rebuilt;
    },
  };
}

export const up = '';

export const rebuild: readonly TableRebuild[] = ['authors', 'posts', 'collection_runs', 'checkpoints'].map(withoutNetworkCheck);
