-- Sharing between offices (ARCHITECTURE.md, "Sharing between offices"). All four tables are this
-- office's own bookkeeping: no system columns, never shared, never stamped.
--   * exchange_seen: for every other office, the highest clock value of its writes this office holds
--     all of (its version vector; this office's own entry is hlc_state).
--   * exchange_peers: the offices this one exchanges with, and what each said it holds (its vector,
--     as JSON), so a bundle for it carries only what it lacks.
--   * exchange_bundles: every bundle merged here, so a second import of one changes nothing.
--   * exchange_conflicts: a field two offices wrote without seeing each other's write. The merge keeps
--     the later write (the same at every office) and records the other beside it for a person to
--     settle; settling writes a new stamped edit, which reaches every office.
CREATE TABLE exchange_seen (
    site_no INTEGER PRIMARY KEY,
    hlc     INTEGER NOT NULL
);

CREATE TABLE exchange_peers (
    site_id    TEXT PRIMARY KEY CHECK (length(site_id) = 32),
    name       TEXT NOT NULL,
    short_name TEXT NOT NULL DEFAULT '',
    public_key TEXT NOT NULL DEFAULT '',   -- age X25519 recipient (age1…), '' when none is known
    seen       TEXT NOT NULL DEFAULT '{}', -- its version vector, as its last bundle gave it
    added_at   TEXT NOT NULL,
    removed_at TEXT                         -- a removed peer's bundles are refused
);

CREATE TABLE exchange_bundles (
    bundle_id   TEXT PRIMARY KEY,
    sender      TEXT NOT NULL,              -- site id
    created_at  TEXT NOT NULL,              -- by the sender's clock
    imported_at TEXT NOT NULL,
    operator    TEXT NOT NULL,
    rows        INTEGER NOT NULL,           -- rows the bundle held
    changed     INTEGER NOT NULL,           -- rows it changed here
    conflicts   INTEGER NOT NULL
);

CREATE TABLE exchange_conflicts (
    id             INTEGER PRIMARY KEY,
    tbl            TEXT NOT NULL,
    row_id         TEXT NOT NULL,
    field          TEXT NOT NULL,
    kept           TEXT NOT NULL CHECK (kept IN ('local', 'incoming')), -- whose value the merge kept
    local_value    ANY,
    local_hlc      INTEGER NOT NULL,
    local_site     TEXT NOT NULL,
    incoming_value ANY,
    incoming_hlc   INTEGER NOT NULL,
    incoming_site  TEXT NOT NULL,
    bundle_id      TEXT NOT NULL,
    found_at       TEXT NOT NULL,
    settled_at     TEXT,
    settled_by     TEXT NOT NULL DEFAULT '',
    choice         TEXT NOT NULL DEFAULT '' CHECK (choice IN ('', 'local', 'incoming'))
) STRICT;
CREATE INDEX exchange_conflicts_open ON exchange_conflicts (tbl, row_id) WHERE settled_at IS NULL;
