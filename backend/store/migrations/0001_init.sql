-- The foundation: the office identity, the hybrid logical clock, the per-field version stamps,
-- the audit log, this machine's own settings, and the first shared table (offices).

-- This office's identity: one row, created on first open.
CREATE TABLE site (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    site_id    TEXT NOT NULL CHECK (length(site_id) = 32),
    office_id  TEXT NOT NULL,
    created_at TEXT NOT NULL
);

-- The last hybrid logical clock value issued here: (wall-clock ms << 16) | counter.
CREATE TABLE hlc_state (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    last INTEGER NOT NULL
);
INSERT INTO hlc_state (id, last) VALUES (1, 0);

-- Per field of every shared row: the clock value and office of the write that set it. The field
-- '*' is the stamp of the insert, which set every field; a field's own stamp, written when it
-- changes later, overrides it.
CREATE TABLE field_versions (
    tbl     TEXT NOT NULL,
    row_id  TEXT NOT NULL,
    field   TEXT NOT NULL,
    hlc     INTEGER NOT NULL,
    site_id TEXT NOT NULL,
    PRIMARY KEY (tbl, row_id, field)
) WITHOUT ROWID;

-- Who changed what, when: one entry per write through the write path. seq and hlc rise together
-- (both are issued under the write lock), so seq order is clock order without a second index.
CREATE TABLE audit_log (
    seq      INTEGER PRIMARY KEY,
    at       TEXT NOT NULL,
    hlc      INTEGER NOT NULL,
    site_id  TEXT NOT NULL,
    operator TEXT NOT NULL,
    action   TEXT NOT NULL CHECK (action IN ('insert', 'update', 'delete', 'setting')),
    tbl      TEXT NOT NULL,
    row_id   TEXT NOT NULL,
    fields   TEXT NOT NULL
);

-- Settings of this install only (never shared): the operator's name, the last daily backup.
CREATE TABLE local_settings (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

-- Offices (townships, the county office, legal advisers): shared between offices.
CREATE TABLE offices (
    id          TEXT PRIMARY KEY,
    office_site TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL DEFAULT '' CHECK (length(name) <= 60),
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT,
    site_id     TEXT NOT NULL,
    operator    TEXT NOT NULL DEFAULT ''
);
