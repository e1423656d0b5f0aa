-- Attachments (backend/attachments): photos and scans added to a record (a 民情 case first). The file
-- itself lives in the data folder under attachments/<first 2 hex>/<sha256>, stored once by its
-- content; this shared table records which record it belongs to, its original name, type and size,
-- so the record of it travels between offices with the rest (the files are copied alongside). The
-- same content may be attached twice, by one office or two: nothing here is UNIQUE, so a merge of two
-- offices' attachments cannot abort. Removing one tombstones the row; the file stays, since another
-- row (here or at another office) may name the same content.
CREATE TABLE attachments (
    id          TEXT PRIMARY KEY,
    owner_table TEXT NOT NULL CHECK (length(owner_table) BETWEEN 1 AND 40),   -- cases, …
    owner_id    TEXT NOT NULL CHECK (length(owner_id) BETWEEN 1 AND 40),
    sha256      TEXT NOT NULL CHECK (length(sha256) = 64 AND sha256 NOT GLOB '*[^0-9a-f]*'),   -- of the file, lower-case hex: names its file
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),        -- the original file name
    mime        TEXT NOT NULL CHECK (mime IN ('image/jpeg', 'image/png', 'image/webp', 'image/heic', 'application/pdf')),
    size        INTEGER NOT NULL CHECK (size > 0),                          -- bytes
    note        TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL, updated_at TEXT NOT NULL, deleted_at TEXT,
    site_id    TEXT NOT NULL, operator TEXT NOT NULL DEFAULT ''
);
CREATE INDEX attachments_owner ON attachments (owner_table, owner_id, created_at) WHERE deleted_at IS NULL;
CREATE INDEX attachments_sha256 ON attachments (sha256);
