// Version 8: the collector lease. One row says which process is collecting (pid, host, a random
// token for that process's lifetime, the command) and when it last proved it was alive. A second
// collector reads it to say who is collecting; a crashed holder's row goes stale (its expiry passes,
// or on the same host its pid is gone) and the next collector takes it over. The row is the lock:
// taking it happens inside BEGIN IMMEDIATE, so two starting collectors can never both win.
// This text is frozen once shipped.

export const up = /* sql */ `
CREATE TABLE collector_lease (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  holder_token TEXT NOT NULL CHECK (length(holder_token) > 0),
  holder_pid INTEGER NOT NULL CHECK (holder_pid > 0),
  holder_host TEXT NOT NULL,
  command TEXT NOT NULL,
  acquired_at INTEGER NOT NULL,
  heartbeat_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL CHECK (expires_at >= heartbeat_at)
) STRICT;
`;
