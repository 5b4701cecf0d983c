// Version 9: copies counted beside share clicks. The action page's Copy button is counted like its
// share buttons: +1 per shareable, network and local day, nothing about the person.
// This text is frozen once shipped.

export const up = /* sql */ `
ALTER TABLE share_clicks ADD COLUMN copies INTEGER NOT NULL DEFAULT 0 CHECK (copies >= 0);
`;
