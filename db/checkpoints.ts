// Per-network, per-scope collection checkpoints (opaque JSON owned by each adapter).
import { assertCollectedNetwork } from '../core/networks.js';
import type { Network } from '../core/types.js';
import type { Db } from './connection.js';
import { statement } from './statements.js';

export function getCheckpoint(db: Db, network: Network, scope: string): unknown {
  const row = statement<[string, string], { state: string }>(
    db,
    'SELECT state FROM checkpoints WHERE network = ? AND scope = ?',
  ).get(network, scope);
  return row ? (JSON.parse(row.state) as unknown) : undefined;
}

/** Saves a checkpoint; call it inside the transaction that stores the page it describes. */
export function saveCheckpoint(db: Db, network: Network, scope: string, state: unknown, now: number): void {
  assertCollectedNetwork(network);
  statement(
    db,
    `INSERT INTO checkpoints (network, scope, state, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (network, scope) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
  ).run(network, scope, JSON.stringify(state), now);
}

export interface CheckpointRow {
  network: Network;
  scope: string;
  state: string;
  updatedAt: number;
}

export function listCheckpoints(db: Db): CheckpointRow[] {
  return statement<[], CheckpointRow>(
    db,
    'SELECT network, scope, state, updated_at AS updatedAt FROM checkpoints ORDER BY network, scope',
  ).all();
}
