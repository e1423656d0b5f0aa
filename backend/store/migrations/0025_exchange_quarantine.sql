-- Rows of a bundle held back from the merge (ARCHITECTURE.md, "Sharing between offices"): this
-- office's own bookkeeping, never shared. A row is held when one of its stamps is more than a day
-- (MaxClockSkew) ahead of this office's clock — merging it would carry this office's clock, and every
-- office's after it, into the future — or when it refers to a held row this office does not have. It
-- is merged when the clock has caught up (at the next import, or when a person asks), and until then
-- this office's vector claims none of its writes, so every office keeps offering them.
--   version:     the row version as it came (its values, typed, and its stamps), JSON
--   digest:      of tbl, row_id and version: the same version offered again is held once
--   sender_seen: the vector of the bundle's sender, which tells a concurrent write at the merge
--   raise_to:    what this office may claim to hold once the row is merged (the bundle's vector)
CREATE TABLE exchange_quarantine (
    id          INTEGER PRIMARY KEY,
    tbl         TEXT NOT NULL,
    row_id      TEXT NOT NULL,
    reason      TEXT NOT NULL CHECK (reason IN ('ahead', 'parent')),
    ahead_hlc   INTEGER NOT NULL,          -- the row's latest stamp: its clock value
    ahead_site  TEXT NOT NULL,             -- and office
    version     TEXT NOT NULL,
    digest      TEXT NOT NULL UNIQUE,
    sender_seen TEXT NOT NULL,
    raise_to    TEXT NOT NULL DEFAULT '{}',
    bundle_id   TEXT NOT NULL,
    found_at    TEXT NOT NULL
) STRICT;
CREATE INDEX exchange_quarantine_row ON exchange_quarantine (tbl, row_id);
