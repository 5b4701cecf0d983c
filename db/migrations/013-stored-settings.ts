// Version 13: settings the database must remember between runs to act on a change of configuration,
// such as the refresh schedule that the stored posts' next refresh times were computed from.
// This text is frozen once shipped: it must not import anything that may change.

export const up = /* sql */ `
CREATE TABLE stored_settings (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;
`;
