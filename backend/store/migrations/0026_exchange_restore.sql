-- The restore point of the latest import (ARCHITECTURE.md, "Undoing an import"): what a merge
-- changed, as it was before, so that a person can take the import back (撤销这次导入) without a copy
-- of the whole database. This office's own bookkeeping, never shared; only the latest import keeps
-- one — the next import, or rows released from quarantine, replace it.
--   exchange_restore: one row, the import's bookkeeping before it
--     mark:            this office's clock after the merge; a write of its own since is stamped later
--     seen:            exchange_seen before (a vector, JSON)
--     peer_seen:       the sender's exchange_peers.seen before; NULL when the import made it a peer
--     held:            exchange_quarantine before (its rows, JSON)
--     conflicts_above: exchange_conflicts with a higher id were recorded by the merge
--     settled:         the ids of open conflicts the merge settled (JSON list)
--   exchange_restore_rows: every shared row the merge wrote, as it was before it (values and stamps,
--     JSON as exchange_quarantine.version); before is NULL when the merge inserted the row
CREATE TABLE exchange_restore (
    bundle_id       TEXT PRIMARY KEY,
    sender          TEXT NOT NULL,
    mark            INTEGER NOT NULL DEFAULT 0,
    seen            TEXT NOT NULL,
    peer_seen       TEXT,
    held            TEXT NOT NULL,
    conflicts_above INTEGER NOT NULL,
    settled         TEXT NOT NULL DEFAULT '[]'
) STRICT;

CREATE TABLE exchange_restore_rows (
    tbl    TEXT NOT NULL,
    row_id ANY NOT NULL,                -- as field_versions.row_id: 16 bytes of a UUID
    before TEXT,
    PRIMARY KEY (tbl, row_id)
) STRICT, WITHOUT ROWID;

-- An import taken back stays listed, marked; its bundle may then be imported again.
ALTER TABLE exchange_bundles ADD COLUMN undone_at TEXT;
ALTER TABLE exchange_bundles ADD COLUMN undone_by TEXT NOT NULL DEFAULT '';
